package dev.marquee.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pool's statement timeout on PostgreSQL: a statement that runs longer is cancelled by the server. */
class DatabaseTimeoutsTest {

    private static ApplicationContext context(String statementTimeout, String socketTimeout) {
        return ApplicationContext.run(Map.of("marquee.database.statement-timeout", statementTimeout,
                "marquee.database.socket-timeout", socketTimeout, "marquee.sync.enabled", "false",
                "flyway.datasources.default.enabled", "false"), "test");
    }

    @SuppressWarnings("unchecked")
    private static <T> T inTransaction(ApplicationContext context, String sql, SqlWork<T> work) {
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        return transactions.executeRead(status -> {
            try (Statement statement = status.getConnection().createStatement()) {
                return work.run(statement, sql);
            }
        });
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Statement statement, String sql) throws SQLException;
    }

    @Test
    void aStatementLongerThanTheTimeoutIsCancelledByTheServer() {
        try (ApplicationContext context = context("1s", "5s")) {
            String timeout = inTransaction(context, "SHOW statement_timeout", (statement, sql) -> {
                try (ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(timeout).isEqualTo("1s");

            long started = System.nanoTime();
            assertThatThrownBy(() -> inTransaction(context, "SELECT pg_sleep(4)", Statement::execute))
                    .hasStackTraceContaining("canceling statement due to statement timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aStatementWithinTheTimeoutRuns() {
        try (ApplicationContext context = context("3s", "10s")) {
            Boolean ran = inTransaction(context, "SELECT pg_sleep(0.2)", Statement::execute);
            assertThat(ran).isTrue();
        }
    }

    @Test
    void aSocketTimeoutNoLongerThanTheStatementTimeoutIsRefusedNamingBoth() {
        assertThatThrownBy(() -> context("30s", "30s").close())
                .hasStackTraceContaining("marquee.database.socket-timeout must be longer")
                .hasStackTraceContaining("marquee.database.statement-timeout");
    }
}
