package dev.marquee.gateway.messaging;

import java.util.Objects;

/**
 * A message as a consumer receives it.
 *
 * @param messageId the {@link OutboundMessage#messageId()}
 * @param routingKey what it is about
 * @param payload JSON body
 * @param attempt 1 the first time it is handled, more when it was handed back for a later retry or
 *     redelivered after a consumer died
 */
public record Delivery(String messageId, String routingKey, String payload, int attempt) {
    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(payload, "payload");
    }
}
