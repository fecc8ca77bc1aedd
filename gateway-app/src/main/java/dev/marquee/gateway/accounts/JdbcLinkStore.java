package dev.marquee.gateway.accounts;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.gateway.db.SingleStatements;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Single-use links in the gateway's database. */
@Singleton
class JdbcLinkStore implements LinkStore {
    private final SingleStatements statements;

    JdbcLinkStore(SingleStatements statements) {
        this.statements = statements;
    }

    @Override
    public void insert(Link link) {
        statements.write(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO account_links (token_hash, purpose, account_id, "
                    + "subject, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, link.tokenHash());
                insert.setString(2, link.purpose().name());
                insert.setString(3, link.accountId());
                insert.setString(4, link.subject());
                insert.setObject(5, utc(link.createdAt()));
                insert.setObject(6, utc(link.expiresAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Link> link(String tokenHash) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT token_hash, purpose, account_id, subject, created_at, "
                    + "expires_at, used_at FROM account_links WHERE token_hash = ?")) {
                select.setString(1, tokenHash);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new Link(rs.getString(1), Link.Purpose.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), instant(rs, 5), instant(rs, 6), instant(rs, 7))) : Optional.empty();
                }
            }
        });
    }

    /** One conditional update: of two requests following the same link at once, one marks it. */
    @Override
    public boolean markUsed(String tokenHash, Instant now) {
        return statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE account_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")) {
                update.setObject(1, utc(now));
                update.setString(2, tokenHash);
                return update.executeUpdate() == 1;
            }
        });
    }
}
