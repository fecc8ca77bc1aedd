package dev.marquee.gateway.catalog;

import dev.marquee.gateway.db.SingleStatements;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Chain sync leases in the gateway's database ({@code chain_sync_leases}), on PostgreSQL and on H2 in PostgreSQL mode
 * alike. Each step is one conditional statement, atomic on its own: both databases lock the row an UPDATE changes and
 * check its condition against the row as committed, so of two instances taking an expired lease one updates it and
 * the other finds it held; of two inserting a chain's first lease, the primary key refuses the second.
 */
@Singleton
public class JdbcSyncLeases implements SyncLeases {
    private final SingleStatements statements;

    public JdbcSyncLeases(SingleStatements statements) {
        this.statements = statements;
    }

    @Override
    public boolean hold(String chainId, String holder, Instant now, Duration term) {
        return renewOrTake(chainId, holder, now, term) || takeFirst(chainId, holder, now, term);
    }

    private boolean renewOrTake(String chainId, String holder, Instant now, Duration term) {
        return statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE chain_sync_leases SET holder = ?, expires_at = ?, "
                    + "taken_at = CASE WHEN holder = ? THEN taken_at ELSE ? END "
                    + "WHERE chain_id = ? AND (holder = ? OR expires_at <= ?)")) {
                update.setString(1, holder);
                update.setObject(2, utc(now.plus(term)));
                update.setString(3, holder);
                update.setObject(4, utc(now));
                update.setString(5, chainId);
                update.setString(6, holder);
                update.setObject(7, utc(now));
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The chain's first lease; false when it has one already, held by someone else (or just taken by them). */
    private boolean takeFirst(String chainId, String holder, Instant now, Duration term) {
        return statements.insertUnlessDuplicate(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO chain_sync_leases (chain_id, holder, taken_at, expires_at) "
                    + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM chain_sync_leases WHERE chain_id = ?)")) {
                insert.setString(1, chainId);
                insert.setString(2, holder);
                insert.setObject(3, utc(now));
                insert.setObject(4, utc(now.plus(term)));
                insert.setString(5, chainId);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public void release(String chainId, String holder, Instant now) {
        statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE chain_sync_leases SET expires_at = ? WHERE chain_id = ? AND holder = ? AND expires_at > ?")) {
                update.setObject(1, utc(now));
                update.setString(2, chainId);
                update.setString(3, holder);
                update.setObject(4, utc(now));
                return update.executeUpdate();
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
