package dev.marquee.sandbox.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.sandbox.support.PaymentHttp;
import dev.marquee.sandbox.support.PaymentTestSupport;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refunds complete 50 ms after they are asked for (application-test.yml). */
@SandboxIntegrationTest
class RefundTest extends PaymentTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aPaidPaymentIsRefundedInFullAndTheMerchantIsTold() {
        String paymentId = paid("refunded");

        PaymentHttp.Answer refund = refund(paymentId, "show_cancelled");

        assertThat(refund.status()).isEqualTo(201);
        assertThat(refund.text("refundId")).startsWith("re_");
        assertThat(refund.text("status")).isEqualTo("PENDING");
        assertThat(refund.text("amount")).isEqualTo("18.00");
        assertThat(refund.text("paymentId")).isEqualTo(paymentId);
        List<WebhookReceiver.Received> events = receiver.awaitAccepted(2, WAIT);
        WebhookReceiver.Received refunded = events.stream().filter(e -> e.type().equals("refund.succeeded")).findFirst()
                .orElseThrow();
        assertThat(refunded.json().path("data").path("refundId").asText()).isEqualTo(refund.text("refundId"));
        assertThat(refunded.json().path("data").path("reason").asText()).isEqualTo("show_cancelled");
        PaymentHttp.Answer payment = pay.get("/payments/v1/payments/" + paymentId);
        assertThat(payment.text("status")).isEqualTo("REFUNDED");
        assertThat(payment.json().path("refund").path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void askingAgainReturnsTheSameRefund() {
        String paymentId = paid("refunded-twice");
        String refundId = refund(paymentId, "first").text("refundId");

        PaymentHttp.Answer again = refund(paymentId, "second");
        receiver.awaitAccepted(2, WAIT);
        PaymentHttp.Answer afterwards = refund(paymentId, "third");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("refundId")).isEqualTo(refundId);
        assertThat(again.text("reason")).isEqualTo("first");
        assertThat(afterwards.status()).isEqualTo(200);
        assertThat(afterwards.text("refundId")).isEqualTo(refundId);
        assertThat(afterwards.text("status")).isEqualTo("SUCCEEDED");
        WebhookDeliveryTest.sleep(200);
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::type)
                .containsExactlyInAnyOrder("payment.succeeded", "refund.succeeded");
    }

    @Test
    void anUnpaidPaymentCannotBeRefunded() {
        String open = aPayment("open");
        String failed = aPayment("failed");
        declineOnPage(failed);

        PaymentHttp.Answer refusedOpen = refund(open, "nothing to give back");
        PaymentHttp.Answer refusedFailed = refund(failed, "nothing to give back");

        assertThat(refusedOpen.status()).isEqualTo(409);
        assertThat(refusedOpen.text("type")).isEqualTo("https://marquee.dev/problems/payments/payment-not-succeeded");
        assertThat(refusedFailed.status()).isEqualTo(409);
        assertThat(statusOf(open)).isEqualTo("OPEN");
    }

    @Test
    void refundsOfUnknownPaymentsOrWithoutAReasonAreRefused() {
        String paymentId = paid("no-reason");

        assertThat(refund("pay_nosuchpayment", "x").status()).isEqualTo(404);
        PaymentHttp.Answer noReason = pay.malformed().post("/payments/v1/payments/" + paymentId + "/refunds", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.text("field")).isEqualTo("reason");
        assertThat(statusOf(paymentId)).isEqualTo("SUCCEEDED");
    }

    private String paid(String reference) {
        String paymentId = aPayment(reference);
        payOnPage(paymentId, "4242 4242 4242 4242");
        return paymentId;
    }

    private PaymentHttp.Answer refund(String paymentId, String reason) {
        return pay.post("/payments/v1/payments/" + paymentId + "/refunds", Map.of("reason", reason));
    }
}
