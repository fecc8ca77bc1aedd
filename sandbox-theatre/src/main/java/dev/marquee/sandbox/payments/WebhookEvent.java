package dev.marquee.sandbox.payments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a webhook delivery carries (payment-provider-api.yaml, {@code WebhookEvent}).
 *
 * @param id {@code evt_…}; a duplicated delivery carries the same id
 * @param type {@code payment.succeeded}, {@code payment.failed} or {@code refund.succeeded}
 */
@Serdeable
public record WebhookEvent(String id, String type, String createdAt, Data data) {
    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";

    /**
     * @param refundId set on {@code refund.succeeded}
     * @param reason the decline code on {@code payment.failed}, the refund's reason on {@code refund.succeeded}
     */
    @Serdeable
    public record Data(String paymentId, String reference, String amount, String currency, @Nullable String refundId,
            @Nullable String reason) {
    }
}
