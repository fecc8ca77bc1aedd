package dev.marquee.gateway.payment;

import dev.marquee.gateway.db.SqlErrors;
import dev.marquee.gateway.messaging.OutboundMessage;
import dev.marquee.gateway.messaging.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in the provider's events: each event id once, and in the same transaction the work it causes
 * goes to the outbox. Once this has returned, the event cannot be lost, whatever crashes next.
 */
@Singleton
public class PaymentInbox {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentInbox.class);

    private final TransactionOperations<Connection> transactions;
    private final Outbox outbox;
    private final Clock clock;

    public PaymentInbox(TransactionOperations<Connection> transactions, Outbox outbox, Clock clock) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    public enum Receipt {
        /** New: recorded, and its work is in the outbox. */
        ACCEPTED,
        /** Seen before: nothing done again. */
        DUPLICATE,
        /** A kind of event the gateway does not act on: recorded, nothing to do. */
        IGNORED
    }

    public Receipt accept(PaymentEvent event, String body) {
        try {
            return transactions.executeWrite(status -> {
                Connection c = status.getConnection();
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO payment_events (event_id, event_type, payment_id, received_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, event.id());
                    insert.setString(2, event.type());
                    insert.setString(3, event.data().paymentId());
                    insert.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    insert.executeUpdate();
                }
                if (!event.isKnownType()) {
                    return Receipt.IGNORED;
                }
                outbox.append(c, new OutboundMessage(event.id(), event.type(), body));
                return Receipt.ACCEPTED;
            });
        } catch (Exception e) {
            if (SqlErrors.isUniqueViolation(e)) {
                LOG.debug("Payment event {} ({}) delivered again; already taken in", event.id(), event.type());
                return Receipt.DUPLICATE;
            }
            throw e;
        }
    }

}
