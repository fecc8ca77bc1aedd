package dev.marquee.gateway.messaging;

import java.util.List;

/**
 * A consumer of broker messages. Every bean implementing this gets a durable queue of its own, bound to
 * its routing keys, consumed with manual acknowledgements.
 *
 * <p>A handler must be idempotent by {@link Delivery#messageId()}: a message may be delivered more than
 * once (a crash before the ack, a publish repeated by the outbox relay).
 */
public interface MessageHandler {

    /** The queue's name, stable across releases, e.g. {@code booking-confirmation}. */
    String queue();

    /** The routing keys it takes, e.g. {@code payment.succeeded}. */
    List<String> routingKeys();

    /** Handles one delivery; an exception counts as {@link Handling.RetryLater}. */
    Handling handle(Delivery delivery);
}
