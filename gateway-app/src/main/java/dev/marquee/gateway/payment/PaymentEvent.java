package dev.marquee.gateway.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A webhook event from the payment provider.
 *
 * @param id the provider's event id; the same event delivered twice has the same id
 * @param type {@code payment.succeeded}, {@code payment.failed} or {@code refund.succeeded}
 * @param createdAt when it happened at the provider
 * @param data what it is about
 */
@Serdeable
public record PaymentEvent(String id, String type, @Nullable Instant createdAt, Data data) {
    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";

    /**
     * @param paymentId the provider's payment id
     * @param reference the gateway's booking id the payment was created for
     * @param amount decimal amount
     * @param currency ISO code
     * @param refundId for refund events
     * @param reason decline code, or refund reason
     */
    @Serdeable
    public record Data(String paymentId, @Nullable String reference, @Nullable String amount, @Nullable String currency,
            @Nullable String refundId, @Nullable String reason) {
    }

    public boolean isKnownType() {
        return PAYMENT_SUCCEEDED.equals(type) || PAYMENT_FAILED.equals(type) || REFUND_SUCCEEDED.equals(type);
    }
}
