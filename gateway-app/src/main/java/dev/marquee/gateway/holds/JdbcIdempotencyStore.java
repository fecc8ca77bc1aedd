package dev.marquee.gateway.holds;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.booking.idempotency.Answer;
import dev.marquee.booking.idempotency.IdempotencyStore;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.secrets.Sealing;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys in the gateway's database. Taking a key is one insert on its primary key (inside a hold's
 * transaction, it waits for a concurrent one not yet committed), so of two concurrent requests exactly one wins, on any
 * number of gateway instances. Single statements run in
 * auto-commit (see {@link SingleStatements}) and join the caller's transaction when there is one. A kept answer
 * carries a bearer token, so its body is {@link Sealing sealed}.
 */
@Singleton
public class JdbcIdempotencyStore implements IdempotencyStore {
    private final SingleStatements statements;
    private final Sealing sealing;
    private final Clock clock;

    public JdbcIdempotencyStore(SingleStatements statements, Sealing sealing, Clock clock) {
        this.statements = statements;
        this.sealing = sealing;
        this.clock = clock;
    }

    /** What a kept answer is sealed for: its key's row. */
    private static String context(String key) {
        return "idempotency_keys:" + key;
    }

    @Override
    public boolean insertIfAbsent(StoredKey key) {
        // The unique key refusing a second row is how a repeat or a concurrent request shows itself.
        // Sealed first: a failure to seal must not pass for the key being there already.
        String sealed = key.completed() ? sealing.seal(key.answer().body(), context(key.key())) : null;
        return statements.insertUnlessDuplicate(c -> insert(c, key, sealed, clock.instant()));
    }

    /** A key with its kept answer, or claimed while its request gives back what it could not finish. */
    private static int insert(Connection c, StoredKey key, String sealedAnswer, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO idempotency_keys (idem_key, request_hash, resource_id, state, "
                + "created_at, locked_until, expires_at, response_status, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key.key());
            insert.setString(2, key.requestHash());
            insert.setString(3, key.resourceId());
            insert.setString(4, key.completed() ? "COMPLETED" : "IN_PROGRESS");
            insert.setObject(5, utc(now));
            insert.setObject(6, utc(key.lockedUntil()));
            insert.setObject(7, utc(key.expiresAt()));
            if (key.completed()) {
                insert.setInt(8, key.answer().status());
                insert.setString(9, sealedAnswer);
            } else {
                insert.setNull(8, Types.INTEGER);
                insert.setNull(9, Types.VARCHAR);
            }
            return insert.executeUpdate();
        }
    }

    @Override
    public Optional<StoredKey> find(String key) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT request_hash, resource_id, state, response_status, "
                    + "response_body, locked_until, expires_at FROM idempotency_keys WHERE idem_key = ?")) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Answer answer = "COMPLETED".equals(rs.getString(3))
                            ? new Answer(rs.getInt(4), sealing.open(rs.getString(5), context(key))) : null;
                    return Optional.of(new StoredKey(key, rs.getString(1), rs.getString(2), answer, instant(rs, 6), instant(rs, 7)));
                }
            }
        });
    }

    @Override
    public boolean deleteStale(String key, Instant now) {
        // StoredKey.isStaleAt, decided by one statement on the row as it is: a key taken afresh since it was read is not stale.
        return statements.write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_keys WHERE idem_key = ? "
                    + "AND (expires_at <= ? OR state = 'IN_PROGRESS' AND locked_until <= ?)")) {
                delete.setString(1, key);
                delete.setObject(2, utc(now));
                delete.setObject(3, utc(now));
                return delete.executeUpdate();
            }
        }) > 0;
    }

    @Override
    public void releaseClaim(StoredKey claim) {
        statements.write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_keys WHERE idem_key = ? "
                    + "AND state = 'IN_PROGRESS' AND locked_until = ?")) {
                delete.setString(1, claim.key());
                delete.setObject(2, utc(claim.lockedUntil()));
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        return statements.write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_keys WHERE expires_at <= ?")) {
                delete.setObject(1, utc(now));
                return delete.executeUpdate();
            }
        });
    }
}
