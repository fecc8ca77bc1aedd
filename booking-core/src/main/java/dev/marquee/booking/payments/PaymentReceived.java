package dev.marquee.booking.payments;

import java.time.Instant;
import java.util.Objects;

/**
 * The provider says a payment went through.
 *
 * @param paymentId the provider's payment id
 * @param reference the booking id the payment was opened for, if the provider sent it
 * @param amount the decimal amount paid, as the provider wrote it; null if it did not say
 * @param currency the ISO currency code; null if it did not say
 * @param paidAt when it happened at the provider; null if it did not say
 */
public record PaymentReceived(String paymentId, String reference, String amount, String currency, Instant paidAt) {
    public PaymentReceived {
        Objects.requireNonNull(paymentId, "paymentId");
    }
}
