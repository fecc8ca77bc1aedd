package dev.marquee.sandbox.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What payment provider tests share: a client for its API and page, and a webhook receiver per test. */
public abstract class PaymentTestSupport extends SandboxTestSupport {
    protected PaymentHttp pay;
    protected WebhookReceiver receiver;

    @BeforeEach
    void paymentClients() {
        pay = new PaymentHttp(URI.create("http://127.0.0.1:" + server.getPort()));
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** Creates a £18.00 payment notifying the receiver; returns its answer. */
    protected PaymentHttp.Answer create(PaymentRequests request) {
        return pay.post("/payments/v1/payments", request.build());
    }

    /** A new payment notifying the receiver; returns its id. */
    protected String aPayment(String reference) {
        PaymentHttp.Answer created = create(PaymentRequests.payment(reference).notifyUrl(receiver.url()));
        assertThat(created.status()).isEqualTo(201);
        return created.text("paymentId");
    }

    /** Presses Pay on the hosted page with this card. */
    protected PaymentHttp.Answer payOnPage(String paymentId, String card) {
        return pay.form("/pay/" + paymentId, Map.of("action", "pay", "card", card));
    }

    protected PaymentHttp.Answer declineOnPage(String paymentId) {
        return pay.form("/pay/" + paymentId, Map.of("action", "decline", "card", "4242 4242 4242 4242"));
    }

    protected String statusOf(String paymentId) {
        return pay.get("/payments/v1/payments/" + paymentId).text("status");
    }
}
