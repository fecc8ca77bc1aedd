package dev.marquee.gateway.clients;

import dev.marquee.gateway.db.SingleStatements;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** API clients in {@code api_clients}, found by the SHA-256 of their key. */
@Singleton
class ApiClientStore {
    private static final String COLUMNS = "id, name, created_at, revoked_at";

    private final SingleStatements statements;
    private final TransactionOperations<Connection> transactions;

    ApiClientStore(SingleStatements statements, TransactionOperations<Connection> transactions) {
        this.statements = statements;
        this.transactions = transactions;
    }

    /** @return false when a client with this id is already there */
    boolean insert(ApiClient client, String keyHash) {
        return statements.insertUnlessDuplicate(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO api_clients (id, name, key_hash, created_at) "
                    + "VALUES (?, ?, ?, ?)")) {
                insert.setString(1, client.id());
                insert.setString(2, client.name());
                insert.setString(3, keyHash);
                insert.setTimestamp(4, Timestamp.from(client.createdAt()));
                return insert.executeUpdate();
            }
        });
    }

    /** Gives a client a new key hash; for the configured demo key, which may change between runs. */
    void replaceKey(String id, String keyHash) {
        statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE api_clients SET key_hash = ? WHERE id = ?")) {
                update.setString(1, keyHash);
                update.setString(2, id);
                return update.executeUpdate();
            }
        });
    }

    Optional<ApiClient> findByKeyHash(String keyHash) {
        return read("SELECT " + COLUMNS + " FROM api_clients WHERE key_hash = ?", keyHash).stream().findFirst();
    }

    Optional<ApiClient> find(String id) {
        return read("SELECT " + COLUMNS + " FROM api_clients WHERE id = ?", id).stream().findFirst();
    }

    List<ApiClient> all() {
        return read("SELECT " + COLUMNS + " FROM api_clients ORDER BY created_at, id", null);
    }

    /** @return whether a working key was revoked now (false: no such client, or revoked before) */
    boolean revoke(String id, Instant at) {
        return statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE api_clients SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                update.setTimestamp(1, Timestamp.from(at));
                update.setString(2, id);
                return update.executeUpdate() > 0;
            }
        });
    }

    private List<ApiClient> read(String sql, String parameter) {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(sql)) {
                if (parameter != null) {
                    select.setString(1, parameter);
                }
                List<ApiClient> clients = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Timestamp revoked = rs.getTimestamp(4);
                        clients.add(new ApiClient(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                                revoked == null ? null : revoked.toInstant()));
                    }
                }
                return clients;
            } catch (SQLException e) {
                throw new IllegalStateException("could not read API clients", e);
            }
        });
    }
}
