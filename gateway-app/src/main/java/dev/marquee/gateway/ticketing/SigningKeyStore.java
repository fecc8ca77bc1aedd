package dev.marquee.gateway.ticketing;

import dev.marquee.gateway.db.SqlErrors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/** The ticket signing key kept in the database when none is configured. */
@Singleton
class SigningKeyStore {
    private static final String KEY_ID = "tickets";

    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    SigningKeyStore(TransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The stored key, or {@code candidate} stored now if there is none. When gateway instances start together,
     * one insert wins and all of them read the winner's key.
     */
    KeyPair storedOr(KeyPair candidate) {
        Optional<String> stored = read();
        if (stored.isPresent()) {
            return Ed25519Keys.fromPrivateKeyText(stored.get());
        }
        try {
            insert(candidate);
        } catch (KeyAlreadyStored e) {
            // Another instance stored its key first; use that one.
        }
        return Ed25519Keys.fromPrivateKeyText(read().orElseThrow(() -> new IllegalStateException("no ticket signing key stored")));
    }

    private Optional<String> read() {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT private_key FROM ticket_signing_keys WHERE id = ?")) {
                select.setString(1, KEY_ID);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private void insert(KeyPair pair) {
        transactions.executeWrite(status -> {
            try (PreparedStatement insert = status.getConnection().prepareStatement("INSERT INTO ticket_signing_keys "
                    + "(id, algorithm, private_key, public_key, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, KEY_ID);
                insert.setString(2, Ed25519Keys.ALGORITHM);
                insert.setString(3, Ed25519Keys.privateKeyText(pair));
                insert.setString(4, Ed25519Keys.publicKeyText(pair));
                insert.setObject(5, clock.instant().atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    // Rolls the transaction back, which PostgreSQL needs after a failed statement.
                    throw new KeyAlreadyStored();
                }
                throw e;
            }
            return null;
        });
    }

    private static final class KeyAlreadyStored extends RuntimeException {
        KeyAlreadyStored() {
            super(null, null, false, false);
        }
    }
}
