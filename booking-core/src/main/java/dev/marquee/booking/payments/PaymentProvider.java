package dev.marquee.booking.payments;

import dev.marquee.spi.Money;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
     * The payment as the provider has it now, to settle what its events have not (an event lost, a refund
     * not yet seen).
     *
     * @return empty when the provider has no such payment
     * @throws PaymentProviderException when the provider cannot be reached
     */
    Optional<PaymentState> find(String paymentId);

    /**
     * A payment as the provider has it.
     *
     * @param paymentId the provider's id
     * @param reference the booking id it was opened for
     * @param status where it is
     * @param amount what it is for
     * @param paidAt when it succeeded; null until then
     */
    record PaymentState(String paymentId, String reference, Status status, Money amount, Instant paidAt) {
        public PaymentState {
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(amount, "amount");
        }

        /** Where a payment is at the provider. */
        public enum Status { OPEN, SUCCEEDED, FAILED, REFUNDED }
    }

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
