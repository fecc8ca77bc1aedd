package dev.marquee.gateway.accounts;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.gateway.db.SingleStatements;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Sessions in the gateway's database. */
@Singleton
class JdbcSessionStore implements SessionStore {
    private final SingleStatements statements;

    JdbcSessionStore(SingleStatements statements) {
        this.statements = statements;
    }

    @Override
    public void insert(Session s) {
        statements.write(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO account_sessions (id, account_id, cookie_hash, "
                    + "created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, s.id());
                insert.setString(2, s.accountId());
                insert.setString(3, s.cookieHash());
                insert.setObject(4, utc(s.createdAt()));
                insert.setObject(5, utc(s.expiresAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Session> session(String sessionId) {
        return one("id = ?", sessionId);
    }

    @Override
    public Optional<Session> sessionByCookie(String cookieHash) {
        return one("cookie_hash = ?", cookieHash);
    }

    private Optional<Session> one(String where, String value) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, account_id, cookie_hash, created_at, expires_at "
                    + "FROM account_sessions WHERE " + where + " AND revoked_at IS NULL")) {
                select.setString(1, value);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new Session(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                            instant(rs, 5))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void revoke(String sessionId, Instant now) {
        revokeWhere("id = ?", sessionId, now);
    }

    @Override
    public void revokeAll(String accountId, Instant now) {
        revokeWhere("account_id = ?", accountId, now);
    }

    private void revokeWhere(String where, String value, Instant now) {
        statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE account_sessions SET revoked_at = ? WHERE " + where
                    + " AND revoked_at IS NULL")) {
                update.setObject(1, utc(now));
                update.setString(2, value);
                return update.executeUpdate();
            }
        });
    }
}
