package dev.marquee.contracts.sandbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One webhook event on its way to its payment's {@code notifyUrl}, as the sandbox payment provider
 * lists it ({@code GET /sandbox/v1/payments/webhooks}).
 *
 * @param type {@code payment.succeeded}, {@code payment.failed} or {@code refund.succeeded}
 * @param attempts attempts made so far
 * @param lastStatus the receiver's HTTP status on the last attempt; null before the first, or when it got no answer
 * @param deliveredAt when the receiver answered 2xx; null until then
 * @param gaveUp every attempt failed
 * @param copy the second delivery of a duplicated event (same {@code eventId})
 */
public record WebhookDelivery(String eventId, String type, String paymentId, int attempts, Integer lastStatus,
        boolean delivered, Instant deliveredAt, boolean gaveUp, boolean copy) {
    public WebhookDelivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(paymentId, "paymentId");
    }
}
