package dev.marquee.sandbox.payments;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * One payment as stored.
 *
 * @param amountMinor the amount in minor units of {@code currency}
 * @param refund the refund made of it, if any
 */
public record Payment(String paymentId, String reference, PaymentStatus status, long amountMinor, String currency,
        String description, String customerEmail, String notifyUrl, @Nullable String returnUrl, Instant createdAt,
        @Nullable Instant paidAt, @Nullable Refund refund) {

    public Payment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(customerEmail, "customerEmail");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The amount as the API writes it ("18.00"). */
    public String amount() {
        return Money.format(amountMinor, currency);
    }

    /**
     * A full refund of a payment.
     *
     * @param succeededAt when it completed; null while PENDING
     */
    public record Refund(String refundId, String paymentId, RefundStatus status, String reason, Instant createdAt,
            @Nullable Instant succeededAt) {
        public Refund {
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    public enum RefundStatus {
        PENDING, SUCCEEDED
    }
}
