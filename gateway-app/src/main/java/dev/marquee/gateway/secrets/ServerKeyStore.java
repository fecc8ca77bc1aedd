package dev.marquee.gateway.secrets;

import dev.marquee.gateway.db.SingleStatements;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/** The server key kept in the database when none is configured. */
@Singleton
class ServerKeyStore {
    private static final String KEY_ID = "sealing";
    private static final String ALGORITHM = "AES-256";

    private final SingleStatements statements;
    private final Clock clock;

    ServerKeyStore(SingleStatements statements, Clock clock) {
        this.statements = statements;
        this.clock = clock;
    }

    /**
     * The stored key, or {@code candidate} (base64) stored now if there is none. When gateway instances start together,
     * one insert wins and all of them read the winner's key.
     */
    String storedOr(String candidate) {
        Optional<String> stored = read();
        if (stored.isPresent()) {
            return stored.get();
        }
        statements.insertUnlessDuplicate(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO server_keys (id, algorithm, key_text, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, KEY_ID);
                insert.setString(2, ALGORITHM);
                insert.setString(3, candidate);
                insert.setObject(4, clock.instant().atOffset(ZoneOffset.UTC));
                return insert.executeUpdate();
            }
        });
        return read().orElseThrow(() -> new IllegalStateException("no server key stored"));
    }

    private Optional<String> read() {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT key_text FROM server_keys WHERE id = ?")) {
                select.setString(1, KEY_ID);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
