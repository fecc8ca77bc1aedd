package dev.marquee.gateway.accounts;

import dev.marquee.gateway.db.SingleStatements;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

/**
 * The key that signs access tokens: {@code marquee.accounts.token-key}, or else one made by the first instance that
 * needs it and kept in {@code server_keys}, beside the sealing key, so that every instance and restart checks the same.
 */
@Factory
class AccessTokenKey {
    private static final String KEY_ID = "access-tokens";
    private static final String ALGORITHM = "HMAC-SHA256";

    @Singleton
    AccessTokens accessTokens(AccountSettings settings, SingleStatements statements, Clock clock) {
        byte[] key = settings.tokenKeyBytes().orElseGet(() -> Base64.getDecoder().decode(storedOr(statements, clock, fresh())));
        return new AccessTokens(key, clock);
    }

    private static String fresh() {
        byte[] key = new byte[AccountSettings.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The stored key, or the candidate stored now; of instances starting together one insert wins and all read it. */
    private static String storedOr(SingleStatements statements, Clock clock, String candidate) {
        Optional<String> stored = read(statements);
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
        return read(statements).orElseThrow(() -> new IllegalStateException("no access token key stored"));
    }

    private static Optional<String> read(SingleStatements statements) {
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
