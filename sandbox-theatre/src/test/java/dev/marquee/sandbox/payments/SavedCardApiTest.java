package dev.marquee.sandbox.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.sandbox.support.PaymentHttp;
import dev.marquee.sandbox.support.PaymentTestSupport;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import org.junit.jupiter.api.Test;

/** Saved cards: a merchant reads a test token's brand and last four digits, never the card. */
@SandboxIntegrationTest
class SavedCardApiTest extends PaymentTestSupport {

    @Test
    void aSavedTestCardIsReadByItsTokenAsBrandAndLastFour() {
        PaymentHttp.Answer visa = pay.get("/payments/v1/payment-methods/pm_card_visa");

        assertThat(visa.status()).isEqualTo(200);
        assertThat(visa.text("paymentMethodId")).isEqualTo("pm_card_visa");
        assertThat(visa.text("brand")).isEqualTo("visa");
        assertThat(visa.text("last4")).isEqualTo("4242");
        assertThat(pay.get("/payments/v1/payment-methods/pm_card_mastercard").text("last4")).isEqualTo("4444");
    }

    @Test
    void anUnknownTokenIsNotFound() {
        PaymentHttp.Answer missing = pay.get("/payments/v1/payment-methods/pm_card_nosuchcard");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("type")).isEqualTo("https://marquee.dev/problems/payments/not-found");
    }

    @Test
    void savedCardsNeedTheApiKey() {
        PaymentHttp.Answer refused = pay.withAuthorization(null).malformed().get("/payments/v1/payment-methods/pm_card_visa");

        assertThat(refused.status()).isEqualTo(401);
    }
}
