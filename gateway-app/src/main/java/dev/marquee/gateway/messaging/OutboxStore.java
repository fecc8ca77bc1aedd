package dev.marquee.gateway.messaging;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The outbox table: messages waiting to be published, and the relay's claims on them. */
@Singleton
public class OutboxStore implements Outbox {
    private static final Duration CLAIM = Duration.ofSeconds(30);

    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public OutboxStore(TransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A row to publish. */
    public record Pending(long id, String messageId, String routingKey, String targetQueue, String payload, int attempt,
            String note) {
    }

    @Override
    public void append(Connection connection, OutboundMessage message) {
        try {
            insert(connection, message, null, 1, null, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("could not write message " + message.messageId() + " to the outbox", e);
        }
    }

    /** Queues a message for one queue only (a retry, or a dead letter), in its own transaction. */
    public void appendDirected(OutboundMessage message, String queue, int attempt, String note, Instant availableAt) {
        transactions.executeWrite(status -> {
            insert(status.getConnection(), message, queue, attempt, note, availableAt);
            return null;
        });
    }

    private void insert(Connection c, OutboundMessage message, String queue, int attempt, String note, Instant availableAt)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox (message_id, routing_key, target_queue, payload, "
                + "attempt, note, available_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, message.messageId());
            insert.setString(2, message.routingKey());
            insert.setString(3, queue);
            insert.setString(4, message.payload());
            insert.setInt(5, attempt);
            // The request this thread works for goes with the message, into its retries and dead letters as well.
            insert.setString(6, OutboxNote.now(note).stored());
            insert.setObject(7, utc(availableAt));
            insert.setObject(8, utc(clock.instant()));
            insert.executeUpdate();
        }
    }

    /**
     * Claims up to {@code limit} due rows for this relay for a while; rows another relay holds are skipped,
     * so several gateway instances normally publish each row once (and at worst twice, never not at all).
     */
    public List<Pending> claimDue(int limit) {
        Instant now = clock.instant();
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            List<Pending> due = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, message_id, routing_key, target_queue, payload, "
                    + "attempt, note FROM outbox WHERE available_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) "
                    + "ORDER BY id LIMIT ?")) {
                select.setObject(1, utc(now));
                select.setObject(2, utc(now));
                select.setInt(3, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getString(7)));
                    }
                }
            }
            if (due.isEmpty()) {
                return due;
            }
            // One batch of conditional claims: a row another relay claimed since the select counts 0 and is left to it.
            List<Pending> claimed = new ArrayList<>(due.size());
            try (PreparedStatement claim = c.prepareStatement("UPDATE outbox SET claimed_until = ? WHERE id = ? "
                    + "AND (claimed_until IS NULL OR claimed_until < ?)")) {
                for (Pending row : due) {
                    claim.setObject(1, utc(now.plus(CLAIM)));
                    claim.setLong(2, row.id());
                    claim.setObject(3, utc(now));
                    claim.addBatch();
                }
                int[] counts = claim.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 1 || counts[i] == Statement.SUCCESS_NO_INFO) {
                        claimed.add(due.get(i));
                    }
                }
            }
            return claimed;
        });
    }

    /** Forgets rows the broker has confirmed. */
    public void published(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection().prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                for (long id : ids) {
                    delete.setLong(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }

    /** Gives claimed rows back at once, for the next round (the broker did not answer for them). */
    public void release(Collection<Long> ids) {
        reschedule(ids, null);
    }

    /** Gives claimed rows back to be tried again after a while (the broker refused them). */
    public void postpone(Collection<Long> ids, Duration after) {
        reschedule(ids, clock.instant().plus(after));
    }

    private void reschedule(Collection<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        transactions.executeWrite(status -> {
            String sql = at == null ? "UPDATE outbox SET claimed_until = NULL WHERE id = ?"
                    : "UPDATE outbox SET claimed_until = NULL, available_at = ? WHERE id = ?";
            try (PreparedStatement update = status.getConnection().prepareStatement(sql)) {
                for (long id : ids) {
                    int i = 1;
                    if (at != null) {
                        update.setObject(i++, utc(at));
                    }
                    update.setLong(i, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /** Rows waiting, and how long the oldest has waited: for health. */
    public Backlog backlog() {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE available_at <= ?")) {
                select.setObject(1, utc(clock.instant()));
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                    return new Backlog(rs.getLong(1), oldest == null ? Duration.ZERO
                            : Duration.between(oldest.toInstant(), clock.instant()));
                }
            }
        });
    }

    /** Every row, due or scheduled for later (a handler's delayed retry included). */
    public long rows() {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement("SELECT COUNT(*) FROM outbox");
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Messages due but not yet confirmed by the broker. */
    public record Backlog(long due, Duration oldestAge) {
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
