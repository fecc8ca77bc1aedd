package dev.marquee.gateway.holds;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every new hold counts the seats its email already holds at the show. On a busy show that count must find the email's
 * own holds, not visit every hold of the show. When PostgreSQL's statistics lag behind an on-sale (the show's new holds,
 * expiry times past the histogram's end), a plan that could start from the show did, so each hold on a busy show cost
 * more than the one before.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
class EmailSeatsPlanTest {
    private static final Pattern ROWS_REMOVED = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+)");
    private static final Pattern ROWS_READ = Pattern.compile("Scan (?:using \\w+ )?on holds .*actual time=\\S+ rows=(\\d+)");

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Inject
    JdbcHoldStore store;

    @Test
    void anEmailsSeatsAtABusyShowAreCountedFromItsOwnHoldsWhateverThePlan() throws SQLException {
        String show = "plan-test:" + System.nanoTime();
        try (Connection c = resolver.resolve(dataSource).getConnection(); Statement sql = c.createStatement()) {
            c.setAutoCommit(true);
            // Statistics from before the on-sale, then 3,000 active holds of one show, one email each, and two of them for the
            // email counted.
            sql.execute("ANALYZE holds");
            sql.execute("INSERT INTO holds (id, show_id, chain_id, email, status, lock_ref, token_hash, created_at, expires_at, "
                    + "chain_expires_at, held_by) SELECT 'hld_plan_' || g || '_" + show.hashCode() + "', '" + show + "', 'plan', "
                    + "'fan' || g || '@example.com', 'HELD', 'lock-' || g, 'hash', now(), now() + interval '5 minutes', "
                    + "now() + interval '6 minutes', '" + show + "' || CHR(31) || 'fan' || g || '@example.com' "
                    + "FROM generate_series(1, 3000) g");
            sql.execute("INSERT INTO hold_seats (hold_id, seat_id, row_label, seat_number, category, price, currency) "
                    + "SELECT id, 'A-1', 'A', 1, 'standard', 10, 'EUR' FROM holds WHERE show_id = '" + show + "'");
            sql.execute("UPDATE holds SET email = 'fan7@example.com', held_by = '" + show + "' || CHR(31) || 'fan7@example.com' "
                    + "WHERE id = 'hld_plan_8_" + show.hashCode() + "'");
            sql.execute("PREPARE email_seats(text, timestamptz) AS "
                    + JdbcHoldStore.SEATS_HELD_BY.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
            try {
                // Planned for the parameters' values and for any values, before the show's holds are in the statistics
                // and after.
                for (String analyzed : List.of("before", "after")) {
                    if (analyzed.equals("after")) {
                        sql.execute("ANALYZE holds");
                    }
                    for (String mode : List.of("force_generic_plan", "force_custom_plan")) {
                        sql.execute("SET plan_cache_mode = " + mode);
                        assertCountsTheEmailsOwnHolds(c, show, mode + ", statistics " + analyzed + " the holds");
                    }
                }
            } finally {
                sql.execute("DEALLOCATE email_seats");
                sql.execute("RESET plan_cache_mode");
                deleteHoldsOf(sql, show);
            }
        }
    }

    /** An instance of a version before held_by ends holds without clearing it, as during a rolling upgrade. */
    @Test
    void aHoldEndedWithoutClearingHeldByIsNotCounted() throws SQLException {
        String show = "ended-test:" + System.nanoTime();
        try (Connection c = resolver.resolve(dataSource).getConnection(); Statement sql = c.createStatement()) {
            c.setAutoCommit(true);
            sql.execute("INSERT INTO holds (id, show_id, chain_id, email, status, lock_ref, token_hash, created_at, expires_at, "
                    + "chain_expires_at, ended_at, held_by) VALUES ('hld_ended_" + show.hashCode() + "', '" + show + "', 'plan', "
                    + "'ada@example.com', 'RELEASED', 'lock-1', 'hash', now(), now() + interval '5 minutes', "
                    + "now() + interval '6 minutes', now(), '" + JdbcHoldStore.heldBy(show, "ada@example.com") + "')");
            sql.execute("INSERT INTO hold_seats (hold_id, seat_id, row_label, seat_number, category, price, currency) "
                    + "VALUES ('hld_ended_" + show.hashCode() + "', 'A-1', 'A', 1, 'standard', 10, 'EUR')");
            try {
                assertThat(store.seatsHeldBy("ada@example.com", show, Instant.now())).isZero();
            } finally {
                deleteHoldsOf(sql, show);
            }
        }
    }

    private static void deleteHoldsOf(Statement sql, String show) throws SQLException {
        sql.execute("DELETE FROM hold_seats WHERE hold_id IN (SELECT id FROM holds WHERE show_id = '" + show + "')");
        sql.execute("DELETE FROM holds WHERE show_id = '" + show + "'");
    }

    /** The count is right, and its plan reads the email's two holds, not the show's 3,000. */
    private static void assertCountsTheEmailsOwnHolds(Connection c, String show, String planned) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("EXPLAIN ANALYZE EXECUTE email_seats('" + JdbcHoldStore.heldBy(show, "fan7@example.com") + "', now())")) {
            while (rs.next()) {
                plan.add(rs.getString(1));
            }
        }
        String text = planned + ":\n" + String.join("\n", plan);
        assertThat(countOf(c, show)).isEqualTo(2);
        assertThat(rowsRemoved(text)).as(text).isLessThan(10);
        Matcher scan = ROWS_READ.matcher(text);
        assertThat(scan.find()).as(text).isTrue();
        assertThat(Integer.parseInt(scan.group(1))).as(text).isEqualTo(2);
    }

    private static int countOf(Connection c, String show) throws SQLException {
        try (Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("EXECUTE email_seats('" + JdbcHoldStore.heldBy(show, "fan7@example.com") + "', now())")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int rowsRemoved(String plan) {
        int most = 0;
        Matcher removed = ROWS_REMOVED.matcher(plan);
        while (removed.find()) {
            most = Math.max(most, Integer.parseInt(removed.group(1)));
        }
        return most;
    }
}
