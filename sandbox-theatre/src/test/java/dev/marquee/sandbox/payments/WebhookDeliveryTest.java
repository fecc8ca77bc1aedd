package dev.marquee.sandbox.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.contracts.sandbox.WebhookDelivery;
import dev.marquee.contracts.sandbox.WebhookSettings;
import dev.marquee.sandbox.support.PaymentHttp;
import dev.marquee.sandbox.support.PaymentTestSupport;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.WebhookReceiver;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries against a local receiver. Timings come from application-test.yml: backoff 20 ms
 * doubling to 160 ms, 6 attempts, late cards 700 ms, copies 50 ms after the original.
 */
@SandboxIntegrationTest
class WebhookDeliveryTest extends PaymentTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    Webhooks webhooks;

    @Test
    void eachDeliveryIsSignedOverItsTimeAndRawBody() throws Exception {
        String paymentId = aPayment("signed");
        payOnPage(paymentId, "4242 4242 4242 4242");

        WebhookReceiver.Received delivery = receiver.awaitAccepted(1, WAIT).getFirst();

        assertThat(delivery.contentType()).startsWith("application/json");
        Map<String, String> parts = signatureParts(delivery.signature());
        long t = Long.parseLong(parts.get("t"));
        assertThat(t).isBetween(Instant.now().getEpochSecond() - 10, Instant.now().getEpochSecond() + 1);
        assertThat(parts.get("v1")).matches("[0-9a-f]{64}");
        assertThat(MessageDigest.isEqual(parts.get("v1").getBytes(StandardCharsets.US_ASCII),
                hmac("whsec_sandbox", t + "." + delivery.text()).getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(hmac("whsec_other", t + "." + delivery.text())).isNotEqualTo(parts.get("v1"));
    }

    @Test
    void theEventTellsWhatHappenedToWhichPayment() {
        String paymentId = aPayment("described");
        payOnPage(paymentId, "4000 0000 0000 0002");

        var event = receiver.awaitAccepted(1, WAIT).getFirst().json();

        assertThat(event.path("id").asText()).startsWith("evt_");
        assertThat(event.path("type").asText()).isEqualTo("payment.failed");
        assertThat(Instant.parse(event.path("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(event.path("data").path("paymentId").asText()).isEqualTo(paymentId);
        assertThat(event.path("data").path("reference").asText()).isEqualTo("described");
        assertThat(event.path("data").path("amount").asText()).isEqualTo("18.00");
        assertThat(event.path("data").path("currency").asText()).isEqualTo("GBP");
        assertThat(event.path("data").path("reason").asText()).isEqualTo("card_declined");
        assertThat(event.path("data").has("refundId")).isFalse();
    }

    @Test
    void failedAttemptsAreRetriedWithGrowingWaitsEachSignedAfresh() throws Exception {
        receiver.failFirst(3, 503);
        String paymentId = aPayment("retried");
        payOnPage(paymentId, "4242 4242 4242 4242");

        List<WebhookReceiver.Received> attempts = receiver.awaitAccepted(1, WAIT);

        assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(503, 503, 503, 200);
        assertThat(attempts).extracting(WebhookReceiver.Received::eventId).containsOnly(attempts.getFirst().eventId());
        List<Long> gaps = gapsMillis(attempts);
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(18);
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(38);
        assertThat(gaps.get(2)).isGreaterThanOrEqualTo(78);
        for (WebhookReceiver.Received attempt : attempts) {
            Map<String, String> parts = signatureParts(attempt.signature());
            assertThat(hmac("whsec_sandbox", parts.get("t") + "." + attempt.text())).isEqualTo(parts.get("v1"));
        }
        WebhookDelivery delivery = onlyDeliveryOf(paymentId);
        assertThat(delivery.attempts()).isEqualTo(4);
        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.lastStatus()).isEqualTo(200);
        assertThat(delivery.deliveredAt()).isNotNull();
    }

    @Test
    void backoffDoublesUpToTheCap() {
        PaymentsConfig config = new PaymentsConfig("k", "s", null, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 25, Duration.ofSeconds(5), Duration.ZERO);

        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 24).stream().map(config::backoffAfter).map(Duration::toSeconds).toList())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aDeliveryIsGivenUpAfterTheLastAttempt() {
        receiver.failFirst(100, 500);
        String paymentId = aPayment("given-up");
        payOnPage(paymentId, "4242 4242 4242 4242");

        WebhookDelivery delivery = awaitDelivery(paymentId, WebhookDelivery::gaveUp);

        assertThat(delivery.attempts()).isEqualTo(6);
        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.lastStatus()).isEqualTo(500);
        sleep(400);
        assertThat(receiver.received()).hasSize(6);
    }

    @Test
    void aReceiverThatWasDownGetsTheEventWhenItComesBack() {
        String paymentId = aPayment("receiver-down");
        receiver.goDown();
        payOnPage(paymentId, "4242 4242 4242 4242");

        WebhookDelivery refused = awaitDelivery(paymentId, d -> d.attempts() >= 2);
        receiver.comeBack();

        assertThat(refused.lastStatus()).isNull();
        assertThat(receiver.awaitAccepted(1, WAIT)).hasSize(1);
        assertThat(awaitDelivery(paymentId, WebhookDelivery::delivered).attempts()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void withDuplicatesEveryEventArrivesTwiceUnderOneId() {
        admin.webhookSettings(1.0, 0, false);
        String paymentId = aPayment("duplicated");
        payOnPage(paymentId, "4242 4242 4242 4242");

        List<WebhookReceiver.Received> received = receiver.awaitAccepted(2, WAIT);

        assertThat(received).hasSize(2);
        assertThat(received.get(0).eventId()).isEqualTo(received.get(1).eventId());
        assertThat(admin.deliveries()).extracting(WebhookDelivery::copy).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void withAReorderWindowEventsArriveOutOfOrder() {
        admin.webhookSettings(0, 400, false);
        List<String> paidInOrder = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String paymentId = aPayment("shuffled-" + i);
            payOnPage(paymentId, "4242 4242 4242 4242");
            paidInOrder.add(paymentId);
        }

        List<String> arrived = receiver.awaitAccepted(8, WAIT).stream()
                .map(r -> r.json().path("data").path("paymentId").asText()).toList();

        assertThat(arrived).containsExactlyInAnyOrderElementsOf(paidInOrder);
        assertThat(arrived).isNotEqualTo(paidInOrder);
    }

    @Test
    void pausedDeliveriesQueueUpAndGoOutWhenResumed() {
        admin.webhookSettings(0, 0, true);
        String paymentId = aPayment("paused");
        payOnPage(paymentId, "4000 0000 0000 0002");
        payOnPage(paymentId, "4242 4242 4242 4242");

        sleep(300);
        assertThat(receiver.received()).isEmpty();
        assertThat(admin.deliveries()).allSatisfy(d -> assertThat(d.attempts()).isZero());
        admin.clearWebhookSettings();

        assertThat(receiver.awaitAccepted(2, WAIT)).extracting(WebhookReceiver.Received::type)
                .containsExactlyInAnyOrder("payment.failed", "payment.succeeded");
        assertThat(admin.webhookSettings()).isEqualTo(WebhookSettings.NORMAL);
    }

    @Test
    void aLateCardSucceedsAtOnceButItsWebhookComesLater() {
        String paymentId = aPayment("late");
        long paidAt = System.nanoTime();

        assertThat(payOnPage(paymentId, "4000 0000 0000 0259").body()).contains("Payment received");
        assertThat(statusOf(paymentId)).isEqualTo("SUCCEEDED");
        sleep(300);
        assertThat(receiver.received()).isEmpty();

        WebhookReceiver.Received event = receiver.awaitAccepted(1, WAIT).getFirst();
        assertThat(event.type()).isEqualTo("payment.succeeded");
        assertThat(Duration.ofNanos(event.nanos() - paidAt)).isGreaterThanOrEqualTo(Duration.ofMillis(650));
    }

    @Test
    void deliverySettingsAreReplacedWholeAndNonsenseIsRefused() {
        PaymentHttp.Answer set = pay.put("/sandbox/v1/payments/webhooks", Map.of("duplicateRate", 0.25, "paused", true));
        PaymentHttp.Answer replaced = pay.put("/sandbox/v1/payments/webhooks", Map.of("reorderWindowMs", 100));

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("duplicateRate").asDouble()).isEqualTo(0.25);
        assertThat(replaced.json().path("paused").asBoolean()).isFalse();
        assertThat(replaced.json().path("duplicateRate").asDouble()).isZero();
        assertThat(replaced.json().path("reorderWindowMs").asLong()).isEqualTo(100);
        assertRefused(Map.of("duplicateRate", 1.5), "duplicateRate");
        assertRefused(Map.of("reorderWindowMs", -1), "reorderWindowMs");
        assertRefused(Map.of("paused", "yes"), "paused");
        assertRefused(Map.of("dropRate", 0.1), "dropRate");
        assertThat(pay.get("/sandbox/v1/payments/webhooks").json().path("reorderWindowMs").asLong()).isEqualTo(100);
        assertThat(pay.delete("/sandbox/v1/payments/webhooks").status()).isEqualTo(204);
        assertThat(admin.webhookSettings()).isEqualTo(WebhookSettings.NORMAL);
    }

    @Test
    void undeliveredEventsAreSentByTheNextRunFromTheDatabase() {
        admin.webhookSettings(0, 0, true);
        String paymentId = aPayment("restarted");
        payOnPage(paymentId, "4242 4242 4242 4242");
        webhooks.reset(); // what a restart does to the deliveries in memory

        payments.resume();

        WebhookReceiver.Received event = receiver.awaitAccepted(1, WAIT).getFirst();
        assertThat(event.type()).isEqualTo("payment.succeeded");
        assertThat(event.json().path("data").path("paymentId").asText()).isEqualTo(paymentId);
        sleep(200);
        payments.resume();
        sleep(200);
        assertThat(receiver.received()).as("a delivered event is not sent again").hasSize(1);
    }

    @Test
    void aResetDropsPendingDeliveriesAndSettings() {
        admin.webhookSettings(0, 0, true);
        payOnPage(aPayment("dropped"), "4242 4242 4242 4242");

        admin.reset();
        sleep(200);

        assertThat(admin.deliveries()).isEmpty();
        assertThat(admin.webhookSettings()).isEqualTo(WebhookSettings.NORMAL);
        assertThat(receiver.received()).isEmpty();
    }

    private void assertRefused(Map<String, Object> settings, String field) {
        PaymentHttp.Answer answer = pay.malformed().put("/sandbox/v1/payments/webhooks", settings);
        assertThat(answer.status()).as(field).isEqualTo(400);
        assertThat(answer.text("field")).isEqualTo(field);
    }

    private WebhookDelivery onlyDeliveryOf(String paymentId) {
        List<WebhookDelivery> deliveries = admin.deliveries().stream().filter(d -> d.paymentId().equals(paymentId)).toList();
        assertThat(deliveries).hasSize(1);
        return deliveries.getFirst();
    }

    private WebhookDelivery awaitDelivery(String paymentId, java.util.function.Predicate<WebhookDelivery> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var match = admin.deliveries().stream().filter(d -> d.paymentId().equals(paymentId)).filter(condition).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            sleep(20);
        }
        throw new AssertionError("no delivery for " + paymentId + " as expected within " + WAIT + ": " + admin.deliveries());
    }

    private static List<Long> gapsMillis(List<WebhookReceiver.Received> attempts) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(Duration.ofNanos(attempts.get(i).nanos() - attempts.get(i - 1).nanos()).toMillis());
        }
        return gaps;
    }

    static Map<String, String> signatureParts(String header) {
        assertThat(header).matches("t=[0-9]+,v1=[0-9a-f]+");
        Map<String, String> parts = new java.util.HashMap<>();
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        return parts;
    }

    /** HMAC-SHA256 as a receiver would compute it, independently of the sandbox's code. */
    static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
