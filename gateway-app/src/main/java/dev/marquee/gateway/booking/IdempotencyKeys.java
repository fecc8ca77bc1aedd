package dev.marquee.gateway.booking;

import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.db.SqlErrors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * Idempotency keys as payment providers keep them: the first request with a key runs, and its answer
 * is kept; a repeat with the same request gets that answer again; a repeat with a different request is
 * refused. Claiming a key is one insert on its primary key, so of two concurrent requests exactly one
 * runs, on any number of gateway instances. A claim not completed within its lease (the instance died)
 * can be taken over, with the same resource id, so a retry continues what was started.
 */
@Singleton
public class IdempotencyKeys {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final TransactionOperations<Connection> transactions;
    private final SingleStatements statements;
    private final HoldSettings settings;
    private final Clock clock;

    public IdempotencyKeys(TransactionOperations<Connection> transactions, SingleStatements statements, HoldSettings settings,
            Clock clock) {
        this.transactions = transactions;
        this.statements = statements;
        this.settings = settings;
        this.clock = clock;
    }

    /** What claiming a key gave. */
    public sealed interface Claim {
        /** This request runs; {@code resourceId} is the id to create under. */
        record Run(String resourceId) implements Claim {
        }

        /** The key answered before; send this again. */
        record Replay(int status, String body) implements Claim {
        }

        /** The key was used with a different request. */
        record Mismatch() implements Claim {
        }

        /** Another request with this key is running now. */
        record InProgress() implements Claim {
        }
    }

    public Claim claim(String key, String requestHash, Supplier<String> newResourceId) {
        Instant now = clock.instant();
        String resourceId = newResourceId.get();
        if (tryInsert(key, requestHash, resourceId, now)) {
            return new Claim.Run(resourceId);
        }
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement select = c.prepareStatement("SELECT request_hash, resource_id, state, response_status, "
                    + "response_body, locked_until, expires_at FROM idempotency_keys WHERE idem_key = ? FOR UPDATE")) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        // Deleted between our insert and this read (a 5xx answer is not kept): run anew.
                        return tryInsert(c, key, requestHash, resourceId, now) ? new Claim.Run(resourceId) : new Claim.InProgress();
                    }
                    Instant expiresAt = instant(rs, 7);
                    if (!expiresAt.isAfter(now)) {
                        delete(c, key);
                        return tryInsert(c, key, requestHash, resourceId, now) ? new Claim.Run(resourceId) : new Claim.InProgress();
                    }
                    if (!rs.getString(1).equals(requestHash)) {
                        return new Claim.Mismatch();
                    }
                    if ("COMPLETED".equals(rs.getString(3))) {
                        return new Claim.Replay(rs.getInt(4), rs.getString(5));
                    }
                    if (instant(rs, 6).isAfter(now)) {
                        return new Claim.InProgress();
                    }
                    String earlierResource = rs.getString(2);
                    renewLease(c, key, now);
                    return new Claim.Run(earlierResource);
                }
            }
        });
    }

    /** Keeps the answer for repeats. One statement, so auto-commit (see {@link SingleStatements}). */
    public void complete(String key, int status, String body) {
        statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE idempotency_keys SET state = 'COMPLETED', response_status = ?, response_body = ? WHERE idem_key = ?")) {
                update.setInt(1, status);
                update.setString(2, body);
                update.setString(3, key);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets a key whose request failed on our side, so that the client can retry it. */
    public void forget(String key) {
        statements.write(c -> {
            delete(c, key);
            return null;
        });
    }

    /** Drops keys past their retention. */
    public int purgeExpired() {
        return transactions.executeWrite(tx -> {
            try (PreparedStatement delete = tx.getConnection().prepareStatement("DELETE FROM idempotency_keys WHERE expires_at <= ?")) {
                delete.setObject(1, utc(clock.instant()));
                return delete.executeUpdate();
            }
        });
    }

    /** The first claim of a key: one insert, so auto-commit (see {@link SingleStatements}). */
    private boolean tryInsert(String key, String requestHash, String resourceId, Instant now) {
        try {
            return statements.write(c -> insert(c, key, requestHash, resourceId, now));
        } catch (RuntimeException e) {
            // The unique key refusing a second row is how a repeat or a concurrent request shows itself.
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private boolean tryInsert(Connection c, String key, String requestHash, String resourceId, Instant now) throws SQLException {
        try {
            return insert(c, key, requestHash, resourceId, now);
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private boolean insert(Connection c, String key, String requestHash, String resourceId, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO idempotency_keys (idem_key, request_hash, resource_id, state, "
                + "created_at, locked_until, expires_at) VALUES (?, ?, ?, 'IN_PROGRESS', ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, requestHash);
            insert.setString(3, resourceId);
            insert.setObject(4, utc(now));
            insert.setObject(5, utc(now.plus(LEASE)));
            insert.setObject(6, utc(now.plus(settings.idempotencyRetention())));
            return insert.executeUpdate() == 1;
        }
    }

    private void renewLease(Connection c, String key, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE idempotency_keys SET locked_until = ? WHERE idem_key = ?")) {
            update.setObject(1, utc(now.plus(LEASE)));
            update.setString(2, key);
            update.executeUpdate();
        }
    }

    private static void delete(Connection c, String key) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_keys WHERE idem_key = ?")) {
            delete.setString(1, key);
            delete.executeUpdate();
        }
    }


    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
