package dev.marquee.gateway.accounts;

import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.gateway.db.SingleStatements;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what can open nothing any more: sessions that expired or were revoked, and emailed links past their expiry.
 * Every instance sweeps; deleting the same rows twice does no harm.
 */
@Singleton
class EndedSessionsSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(EndedSessionsSweeper.class);

    private final SingleStatements statements;
    private final Clock clock;

    EndedSessionsSweeper(SingleStatements statements, Clock clock) {
        this.statements = statements;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    void sweep() {
        try {
            int removed = removeEnded(clock.instant());
            LOG.debug("Removed {} ended sessions and links", removed);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove ended sessions and links: {}", e.toString());
        }
    }

    /** How many rows went. */
    int removeEnded(Instant now) {
        return delete("DELETE FROM account_sessions WHERE expires_at <= ? OR revoked_at IS NOT NULL", now)
                + delete("DELETE FROM account_links WHERE expires_at <= ?", now);
    }

    private int delete(String sql, Instant now) {
        return statements.write(c -> {
            try (PreparedStatement delete = c.prepareStatement(sql)) {
                delete.setObject(1, utc(now));
                return delete.executeUpdate();
            }
        });
    }
}
