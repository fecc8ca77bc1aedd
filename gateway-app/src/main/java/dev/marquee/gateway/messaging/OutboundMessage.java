package dev.marquee.gateway.messaging;

import java.util.Objects;

/**
 * A message for the broker.
 *
 * @param messageId unique id; consumers use it to act on a message once however often it is delivered
 * @param routingKey what it is about, e.g. {@code payment.succeeded}, {@code booking.confirmed}
 * @param payload JSON body
 */
public record OutboundMessage(String messageId, String routingKey, String payload) {
    public OutboundMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(payload, "payload");
    }
}
