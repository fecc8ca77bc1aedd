package dev.marquee.gateway.notification;

import dev.marquee.gateway.db.SqlErrors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Which booking emails went out: each is claimed before the SMTP conversation and marked sent once the
 * server accepted it, so however often a notice is delivered, one email is sent.
 */
@Singleton
public class SentEmails {

    private final TransactionOperations<Connection> transactions;

    public SentEmails(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** The answer to a claim. */
    public sealed interface Claim {
        /** This caller may send; it must then {@link #markSent} or {@link #release} with the token. */
        record Claimed(String token) implements Claim {
        }

        /** Sent before: send nothing. */
        record AlreadySent(Instant sentAt) implements Claim {
        }

        /** Another consumer is sending it now; its claim lapses at {@code until}. */
        record Busy(Instant until) implements Claim {
        }
    }

    /**
     * Claims the email of a booking and kind for {@code lease}, unless it was sent or is being sent. A claim that
     * lapsed (its consumer died mid-send) is taken over.
     */
    public Claim claim(String bookingId, BookingNotice.Kind kind, String messageId, Instant now, Duration lease) {
        String token = UUID.randomUUID().toString();
        Instant until = now.plus(lease);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (insert(bookingId, kind, messageId, token, until) || takeOverLapsed(bookingId, kind, token, now, until)) {
                return new Claim.Claimed(token);
            }
            Claim current = current(bookingId, kind);
            if (current != null) {
                return current;
            }
            // Released between our insert and our read: try again.
        }
        throw new IllegalStateException("cannot claim the " + kind + " email of booking " + bookingId);
    }

    /** Records that the SMTP server accepted the claimed email. */
    public void markSent(String bookingId, BookingNotice.Kind kind, String token, Instant now) {
        transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement("UPDATE booking_emails SET status = 'SENT', "
                    + "sent_at = ? WHERE booking_id = ? AND kind = ? AND claim_token = ?")) {
                update.setObject(1, utc(now));
                update.setString(2, bookingId);
                update.setString(3, kind.name());
                update.setString(4, token);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Gives up a claim after a failed send, so that a later delivery sends it. */
    public void release(String bookingId, BookingNotice.Kind kind, String token) {
        transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection().prepareStatement("DELETE FROM booking_emails "
                    + "WHERE booking_id = ? AND kind = ? AND claim_token = ? AND status = 'SENDING'")) {
                delete.setString(1, bookingId);
                delete.setString(2, kind.name());
                delete.setString(3, token);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private boolean insert(String bookingId, BookingNotice.Kind kind, String messageId, String token, Instant until) {
        try {
            return transactions.executeWrite(status -> {
                try (PreparedStatement insert = status.getConnection().prepareStatement("INSERT INTO booking_emails "
                        + "(booking_id, kind, status, message_id, claim_token, claimed_until) VALUES (?, ?, 'SENDING', ?, ?, ?)")) {
                    insert.setString(1, bookingId);
                    insert.setString(2, kind.name());
                    insert.setString(3, messageId);
                    insert.setString(4, token);
                    insert.setObject(5, utc(until));
                    return insert.executeUpdate() == 1;
                } catch (SQLException e) {
                    if (SqlErrors.isUniqueViolation(e)) {
                        // Rolls the transaction back, which PostgreSQL needs after a failed statement.
                        throw new AlreadyClaimed();
                    }
                    throw e;
                }
            });
        } catch (AlreadyClaimed e) {
            return false;
        }
    }

    private boolean takeOverLapsed(String bookingId, BookingNotice.Kind kind, String token, Instant now, Instant until) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement("UPDATE booking_emails SET claim_token = ?, "
                    + "claimed_until = ? WHERE booking_id = ? AND kind = ? AND status = 'SENDING' AND claimed_until <= ?")) {
                update.setString(1, token);
                update.setObject(2, utc(until));
                update.setString(3, bookingId);
                update.setString(4, kind.name());
                update.setObject(5, utc(now));
                return update.executeUpdate() == 1;
            }
        });
    }

    private Claim current(String bookingId, BookingNotice.Kind kind) {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT status, sent_at, claimed_until FROM booking_emails WHERE booking_id = ? AND kind = ?")) {
                select.setString(1, bookingId);
                select.setString(2, kind.name());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return "SENT".equals(rs.getString(1))
                            ? new Claim.AlreadySent(instant(rs, 2))
                            : new Claim.Busy(instant(rs, 3));
                }
            }
        });
    }

    /** The email already has a row. */
    private static final class AlreadyClaimed extends RuntimeException {
        AlreadyClaimed() {
            super(null, null, false, false);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
