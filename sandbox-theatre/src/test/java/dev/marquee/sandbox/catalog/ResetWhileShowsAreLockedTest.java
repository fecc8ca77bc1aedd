package dev.marquee.sandbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.SandboxTestSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A reset (POST /sandbox/v1/reset, and every test's fresh start) empties every table while the chain keeps working:
 * the lock sweeper, and any seat operation, takes its show's row first and then reads or writes the show's locks. The
 * reset must take the tables in that order too, or the two wait for each other until PostgreSQL kills one: run with the
 * reset taking them in its TRUNCATE's order (locks before shows), this test fails with "deadlock detected".
 */
@SandboxIntegrationTest
class ResetWhileShowsAreLockedTest extends SandboxTestSupport {
    @Inject
    DataSource dataSource;

    @Test
    void aResetWaitsForAShowsTransactionWhichThenReadsTheShowsLocksAndBothFinish() throws Exception {
        String showId = aShow().showId();
        try (Connection sweep = dataSource.getConnection()) {
            // What the lock sweeper does for a show: its row first...
            sweep.setAutoCommit(false);
            try (PreparedStatement lockShow = sweep.prepareStatement("SELECT id FROM shows WHERE id = ? FOR UPDATE")) {
                lockShow.setString(1, showId);
                lockShow.executeQuery().close();
            }
            CompletableFuture<Void> reset = CompletableFuture.runAsync(catalog::regenerate);
            awaitResetWaitingForALock();
            // ...then the show's locks, while the reset waits.
            assertThatCode(() -> {
                try (PreparedStatement locks = sweep.prepareStatement("SELECT id FROM locks WHERE show_id = ?")) {
                    locks.setString(1, showId);
                    locks.executeQuery().close();
                }
                sweep.commit();
            }).as("the show's transaction").doesNotThrowAnyException();
            assertThatCode(() -> reset.get(30, TimeUnit.SECONDS)).as("the reset").doesNotThrowAnyException();
        }
    }

    private void awaitResetWaitingForALock() throws SQLException, InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(10));
        try (Connection watch = dataSource.getConnection(); PreparedStatement waiting = watch.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                        + "AND (query LIKE 'LOCK TABLE shows%' OR query LIKE 'TRUNCATE%')")) {
            while (Instant.now().isBefore(giveUp)) {
                try (ResultSet rs = waiting.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        assertThat(false).as("the reset came to wait for the show's row within 10 s").isTrue();
    }
}
