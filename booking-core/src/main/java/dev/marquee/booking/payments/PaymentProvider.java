package dev.marquee.booking.payments;

import dev.marquee.spi.Money;
import java.net.URI;
import java.util.Objects;

/** The external provider that takes the money: creates payments, refunds them. */
public interface PaymentProvider {

    /**
     * Opens a payment for a booking. Safe to repeat: the provider answers the same payment for the same
     * reference.
     *
     * @throws PaymentProviderException when the provider cannot be reached or refuses
     */
    OpenPayment open(PaymentOrder order);

    /**
     * Refunds a payment in full. Safe to repeat: a payment is refunded at most once.
     *
     * @return the provider's refund id
     * @throws PaymentProviderException when the provider cannot be reached or refuses
     */
    String refund(String paymentId, String reason);

    /**
     * What to charge.
     *
     * @param reference the gateway's booking id
     * @param amount what to charge
     * @param description shown on the payment page
     * @param email the customer's address
     */
    record PaymentOrder(String reference, Money amount, String description, String email) {
        public PaymentOrder {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(email, "email");
        }
    }

    /**
     * A payment waiting for the customer.
     *
     * @param paymentId the provider's id
     * @param paymentUrl where the customer pays
     */
    record OpenPayment(String paymentId, URI paymentUrl) {
        public OpenPayment {
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(paymentUrl, "paymentUrl");
        }
    }
}
