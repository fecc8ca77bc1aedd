package dev.marquee.sandbox.payments;

import dev.marquee.sandbox.http.Problem;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/**
 * Saved cards ({@code /payments/v1/payment-methods}): a merchant keeps the provider's token of a customer's card and
 * reads its brand and last four digits here, never the card itself. The sandbox knows a fixed set of test tokens
 * ({@link TestCards#SAVED}).
 */
@Controller("/payments/v1/payment-methods")
public class PaymentMethodController {

    @Get("/{paymentMethodId}")
    public PaymentMethodView find(@PathVariable String paymentMethodId) {
        return Optional.ofNullable(TestCards.SAVED.get(paymentMethodId))
                .map(card -> new PaymentMethodView(card.id(), "card", card.brand(), card.last4()))
                .orElseThrow(() -> Problem.PAYMENT_NOTHING_HERE.exception("No payment method " + paymentMethodId));
    }

    /** A saved card as the merchant sees it. */
    @Serdeable
    public record PaymentMethodView(String paymentMethodId, String type, String brand, String last4) {
    }
}
