package dev.marquee.sandbox.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.sandbox.support.PaymentHttp;
import dev.marquee.sandbox.support.PaymentRequests;
import dev.marquee.sandbox.support.PaymentTestSupport;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SandboxIntegrationTest
class HostedPageTest extends PaymentTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void thePageShowsWhatIsPaidForAndAFormPrefilledWithTheSucceedingCard() {
        String paymentId = pay.post("/payments/v1/payments", PaymentRequests.payment("page-1").amount("23.50")
                .description("3 seats <Dune>").notifyUrl(receiver.url()).build()).text("paymentId");

        PaymentHttp.Answer page = pay.get("/pay/" + paymentId);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("23.50 GBP")
                .contains("3 seats &lt;Dune&gt;")
                .contains("<form method=\"post\" action=\"/pay/" + paymentId + "\">")
                .contains("name=\"card\" value=\"4242 4242 4242 4242\"")
                .contains("name=\"action\" value=\"pay\">Pay</button>")
                .contains("name=\"action\" value=\"decline\">Decline</button>");
    }

    @Test
    void payingWithTheSucceedingCardSucceedsAndSaysSo() {
        String paymentId = aPayment("page-2");

        PaymentHttp.Answer result = payOnPage(paymentId, "4242 4242 4242 4242");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.contentType()).startsWith("text/html");
        assertThat(result.body()).contains("Payment received");
        PaymentHttp.Answer payment = pay.get("/payments/v1/payments/" + paymentId);
        assertThat(payment.text("status")).isEqualTo("SUCCEEDED");
        assertThat(payment.text("paidAt")).isNotBlank();
        assertThat(receiver.awaitAccepted(1, WAIT)).singleElement().extracting(WebhookReceiver.Received::type)
                .isEqualTo("payment.succeeded");
    }

    @Test
    void theDeclineButtonDeclines() {
        String paymentId = aPayment("page-3");

        PaymentHttp.Answer result = declineOnPage(paymentId);

        assertThat(result.body()).contains("Payment declined").contains("card_declined");
        assertThat(statusOf(paymentId)).isEqualTo("FAILED");
        WebhookReceiver.Received failed = receiver.awaitAccepted(1, WAIT).getFirst();
        assertThat(failed.type()).isEqualTo("payment.failed");
        assertThat(failed.json().path("data").path("reason").asText()).isEqualTo("card_declined");
    }

    @Test
    void eachTestCardDoesWhatItSays() {
        Map<String, String> declines = Map.of(
                "4000 0000 0000 0002", "card_declined",
                "4000000000009995", "insufficient_funds",
                "1234 5678 9012 3456", "unknown_card");
        int n = 0;
        for (Map.Entry<String, String> card : declines.entrySet()) {
            String paymentId = aPayment("card-" + n++);
            assertThat(payOnPage(paymentId, card.getKey()).body()).as(card.getKey())
                    .contains("Payment declined").contains(card.getValue());
            assertThat(statusOf(paymentId)).isEqualTo("FAILED");
        }
        String succeeding = aPayment("card-ok");
        assertThat(payOnPage(succeeding, "4242424242424242").body()).contains("Payment received");
        assertThat(statusOf(succeeding)).isEqualTo("SUCCEEDED");

        List<WebhookReceiver.Received> events = receiver.awaitAccepted(4, WAIT);
        assertThat(events).extracting(r -> r.json().path("data").path("reason").asText())
                .containsExactlyInAnyOrder("card_declined", "insufficient_funds", "unknown_card", "");
    }

    @Test
    void afterADeclineThePayerMayPayAgainAndEachAttemptIsAnEvent() {
        String paymentId = aPayment("page-4");

        declineOnPage(paymentId);
        assertThat(pay.get("/pay/" + paymentId).body()).contains("declined").contains("<form");
        payOnPage(paymentId, "4000 0000 0000 9995");
        PaymentHttp.Answer last = payOnPage(paymentId, "4242 4242 4242 4242");

        assertThat(last.body()).contains("Payment received");
        assertThat(statusOf(paymentId)).isEqualTo("SUCCEEDED");
        List<WebhookReceiver.Received> events = receiver.awaitAccepted(3, WAIT);
        assertThat(events).extracting(WebhookReceiver.Received::eventId).doesNotHaveDuplicates();
        assertThat(events).extracting(WebhookReceiver.Received::type)
                .containsExactlyInAnyOrder("payment.failed", "payment.failed", "payment.succeeded");
    }

    @Test
    void payingAPaidPaymentChangesNothingAndSaysSo() {
        String paymentId = aPayment("page-5");
        payOnPage(paymentId, "4242 4242 4242 4242");
        receiver.awaitAccepted(1, WAIT);

        PaymentHttp.Answer again = payOnPage(paymentId, "4000 0000 0000 0002");
        PaymentHttp.Answer declineAfter = declineOnPage(paymentId);

        assertThat(again.body()).contains("Already paid");
        assertThat(declineAfter.body()).contains("Already paid");
        assertThat(pay.get("/pay/" + paymentId).body()).contains("has been paid").doesNotContain("<form");
        assertThat(statusOf(paymentId)).isEqualTo("SUCCEEDED");
        sleep(200);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void theResultLinksBackToTheReturnUrl() {
        String paymentId = create(PaymentRequests.payment("page-6").notifyUrl(receiver.url())
                .returnUrl("https://shop.example.com/done?order=6&x=1")).text("paymentId");

        assertThat(payOnPage(paymentId, "4242 4242 4242 4242").body())
                .contains("href=\"https://shop.example.com/done?order=6&amp;x=1\"");
        assertThat(declineOnPage(aPayment("page-6b")).body()).doesNotContain("id=\"return\"");
    }

    @Test
    void anUnknownPaymentHasNoPage() {
        assertThat(pay.get("/pay/pay_nosuchpayment").status()).isEqualTo(404);
        assertThat(payOnPage("pay_nosuchpayment", "4242 4242 4242 4242").status()).isEqualTo(404);
    }

    @Test
    void theAdminApiPaysLikeThePage() {
        String declined = aPayment("admin-1");
        String paid = aPayment("admin-2");

        PaymentHttp.Answer first = pay.post("/sandbox/v1/payments/" + declined + "/pay", Map.of("card", "4000 0000 0000 0002"));
        PaymentHttp.Answer second = pay.post("/sandbox/v1/payments/" + paid + "/pay", Map.of("card", "4242 4242 4242 4242"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("status")).isEqualTo("FAILED");
        assertThat(second.text("status")).isEqualTo("SUCCEEDED");
        assertThat(admin.pay(declined, "4242 4242 4242 4242")).isEqualTo(dev.marquee.contracts.sandbox.PaymentStatus.SUCCEEDED);
        assertThat(pay.post("/sandbox/v1/payments/pay_none/pay", Map.of("card", "4242424242424242")).status()).isEqualTo(404);
        assertThat(receiver.awaitAccepted(3, WAIT)).hasSize(3);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
