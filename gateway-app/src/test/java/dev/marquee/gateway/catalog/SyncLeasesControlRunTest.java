package dev.marquee.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.db.SingleStatements;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The races of {@link SyncLeasesContract} against leases without their guard: each instance reads the lease, decides
 * in Java that it is free, and writes itself in. Racing instances then all believe they sync the chain, so the
 * contract's race tests would catch a lease taken by anything but one conditional statement.
 */
@MicronautTest(environments = "test", transactional = false, startApplication = false)
@Property(name = "marquee.sync.enabled", value = "false")
class SyncLeasesControlRunTest {
    @Inject
    SingleStatements statements;

    @Test
    void withoutTheConditionalUpdateRacingInstancesTakeOneExpiredLeaseTogether() throws Exception {
        SyncLeases unguarded = new ReadThenWriteLeases(statements);
        String chain = "control-" + System.nanoTime() % 1_000_000;
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        unguarded.hold(chain, "gateway-dead", now, SyncLeasesContract.TERM);

        int mostHolders = 0;
        for (int round = 1; round <= 10; round++) {
            Instant later = now.plus(SyncLeasesContract.TERM.multipliedBy(round));
            mostHolders = Math.max(mostHolders, SyncLeasesContract.race(unguarded, chain, later));
        }

        assertThat(mostHolders).as("instances holding the lease at once, at worst").isGreaterThan(1);
    }

    /** Check, then act: the guard removed. */
    private record ReadThenWriteLeases(SingleStatements statements) implements SyncLeases {
        @Override
        public boolean hold(String chainId, String holder, Instant now, Duration term) {
            boolean free = statements.read(c -> {
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT holder, expires_at FROM chain_sync_leases WHERE chain_id = ?")) {
                    select.setString(1, chainId);
                    try (ResultSet rs = select.executeQuery()) {
                        return !rs.next() || rs.getString(1).equals(holder)
                                || !rs.getObject(2, OffsetDateTime.class).toInstant().isAfter(now);
                    }
                }
            });
            if (!free) {
                return false;
            }
            statements.write(c -> {
                try (PreparedStatement upsert = c.prepareStatement("INSERT INTO chain_sync_leases (chain_id, holder, taken_at, "
                        + "expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (chain_id) DO UPDATE SET holder = excluded.holder, "
                        + "taken_at = excluded.taken_at, expires_at = excluded.expires_at")) {
                    upsert.setString(1, chainId);
                    upsert.setString(2, holder);
                    upsert.setObject(3, now.atOffset(ZoneOffset.UTC));
                    upsert.setObject(4, now.plus(term).atOffset(ZoneOffset.UTC));
                    return upsert.executeUpdate();
                }
            });
            return true;
        }

        @Override
        public void release(String chainId, String holder, Instant now) {
        }
    }
}
