package dev.marquee.gateway.messaging;

import java.sql.Connection;

/**
 * Work to be published to the broker, written in the caller's database transaction so that it is
 * published if and only if that transaction commits. A relay publishes it afterwards, at least once.
 */
public interface Outbox {

    /**
     * Adds a message to the outbox within the transaction of {@code connection}.
     *
     * @param connection the caller's connection, inside its open transaction
     * @param message what to publish
     */
    void append(Connection connection, OutboundMessage message);
}
