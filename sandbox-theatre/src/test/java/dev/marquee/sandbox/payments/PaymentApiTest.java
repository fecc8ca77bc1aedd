package dev.marquee.sandbox.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.sandbox.support.PaymentHttp;
import dev.marquee.sandbox.support.PaymentRequests;
import dev.marquee.sandbox.support.PaymentTestSupport;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@SandboxIntegrationTest
class PaymentApiTest extends PaymentTestSupport {

    @Test
    void aNewPaymentIsOpenWithAnAbsolutePageUrl() {
        PaymentHttp.Answer created = create(PaymentRequests.payment("hold-1").amount("18.00").currency("GBP"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("paymentId")).startsWith("pay_");
        assertThat(created.text("status")).isEqualTo("OPEN");
        assertThat(created.text("amount")).isEqualTo("18.00");
        assertThat(created.text("currency")).isEqualTo("GBP");
        assertThat(created.text("paymentUrl"))
                .isEqualTo("http://localhost:" + server.getPort() + "/pay/" + created.text("paymentId"));
        assertThat(Instant.parse(created.text("createdAt"))).isCloseTo(clock.instant(),
                org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.SECONDS));
        assertThat(created.json().has("paidAt")).isFalse();
    }

    @Test
    void amountsAreWrittenWithTheCurrencysDecimals() {
        assertThat(create(PaymentRequests.payment("a").amount("18")).text("amount")).isEqualTo("18.00");
        assertThat(create(PaymentRequests.payment("b").amount("7.5").currency("EUR")).text("amount")).isEqualTo("7.50");
        assertThat(create(PaymentRequests.payment("c").amount("1200").currency("JPY")).text("amount")).isEqualTo("1200");
    }

    @Test
    void creatingAgainWithTheSameReferenceReturnsTheSamePayment() {
        PaymentHttp.Answer first = create(PaymentRequests.payment("hold-2"));

        PaymentHttp.Answer again = create(PaymentRequests.payment("hold-2").description("another description"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("paymentId")).isEqualTo(first.text("paymentId"));
        assertThat(again.text("description")).isEqualTo(first.text("description"));
    }

    @Test
    void aReferenceReusedForAnotherAmountOrCurrencyIsAConflict() {
        create(PaymentRequests.payment("hold-3").amount("18.00"));

        PaymentHttp.Answer otherAmount = create(PaymentRequests.payment("hold-3").amount("19.00"));
        PaymentHttp.Answer otherCurrency = create(PaymentRequests.payment("hold-3").currency("EUR"));

        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.text("type")).isEqualTo("https://marquee.dev/problems/payments/reference-conflict");
        assertThat(otherAmount.text("field")).isEqualTo("reference");
        assertThat(otherCurrency.status()).isEqualTo(409);
        assertThat(create(PaymentRequests.payment("hold-3").amount("18")).status()).as("the same amount written otherwise")
                .isEqualTo(200);
    }

    @Test
    void racingCreatesOfOneReferenceMakeOnePayment() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<PaymentHttp.Answer>>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> create(PaymentRequests.payment("raced"))));
            }
            var ids = new java.util.HashSet<String>();
            int createdCount = 0;
            for (var answer : answers) {
                PaymentHttp.Answer a = answer.get();
                ids.add(a.text("paymentId"));
                createdCount += a.status() == 201 ? 1 : 0;
                assertThat(a.status()).isIn(200, 201);
            }
            assertThat(ids).hasSize(1);
            assertThat(createdCount).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        assertRefused(PaymentRequests.payment(null), "reference");
        assertRefused(PaymentRequests.payment("r").amount(null), "amount");
        assertRefused(PaymentRequests.payment("r").amount("-1.00"), "amount");
        assertRefused(PaymentRequests.payment("r").amount("0.00"), "amount");
        assertRefused(PaymentRequests.payment("r").amount("18.001"), "amount");
        assertRefused(PaymentRequests.payment("r").amount("eighteen"), "amount");
        assertRefused(PaymentRequests.payment("r").with("amount", 18.00), "amount");
        assertRefused(PaymentRequests.payment("r").currency("gbp"), "currency");
        assertRefused(PaymentRequests.payment("r").currency("XYZ"), "currency");
        assertRefused(PaymentRequests.payment("r").description(" "), "description");
        assertRefused(PaymentRequests.payment("r").with("customerEmail", "not an email"), "customerEmail");
        assertRefused(PaymentRequests.payment("r").notifyUrl("/relative"), "notifyUrl");
        assertRefused(PaymentRequests.payment("r").notifyUrl("ftp://example.com/x"), "notifyUrl");
        assertRefused(PaymentRequests.payment("r").returnUrl("nonsense"), "returnUrl");
        assertRefused(PaymentRequests.payment("r").with("reference", "x".repeat(101)), "reference");
        assertThat(pay.get("/payments/v1/payments/pay_none").status()).as("nothing was made").isEqualTo(404);
    }

    @Test
    void malformedJsonIsAProblem() {
        PaymentHttp.Answer answer = pay.malformed().post("/payments/v1/payments", "{not json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("type")).isEqualTo("https://marquee.dev/problems/payments/bad-request");
    }

    @Test
    void aPaymentCanBeReadBackAndAnUnknownOneIsNotFound() {
        String paymentId = aPayment("read-back");

        PaymentHttp.Answer found = pay.get("/payments/v1/payments/" + paymentId);
        PaymentHttp.Answer missing = pay.get("/payments/v1/payments/pay_nosuchpayment");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.text("reference")).isEqualTo("read-back");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("type")).isEqualTo("https://marquee.dev/problems/payments/payment-not-found");
    }

    @Test
    void theApiWantsTheKey() {
        String paymentId = aPayment("keyed");

        assertThat(pay.withAuthorization(null).malformed().get("/payments/v1/payments/" + paymentId).status()).isEqualTo(401);
        PaymentHttp.Answer wrong = pay.withAuthorization("Bearer sk_wrong").malformed()
                .post("/payments/v1/payments", PaymentRequests.payment("k").build());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("type")).isEqualTo("https://marquee.dev/problems/payments/unauthorized");
        assertThat(pay.withAuthorization(null).get("/pay/" + paymentId).status()).as("the hosted page needs no key")
                .isEqualTo(200);
    }

    @Test
    void aResetDropsEveryPayment() {
        String paymentId = aPayment("before-reset");

        admin.reset();

        assertThat(pay.get("/payments/v1/payments/" + paymentId).status()).isEqualTo(404);
        assertThat(create(PaymentRequests.payment("before-reset").amount("99.00")).status()).isEqualTo(201);
    }

    private void assertRefused(PaymentRequests request, String field) {
        PaymentHttp.Answer answer = pay.malformed().post("/payments/v1/payments", request.build());
        assertThat(answer.status()).as(field).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("field")).as(answer.body()).isEqualTo(field);
    }
}
