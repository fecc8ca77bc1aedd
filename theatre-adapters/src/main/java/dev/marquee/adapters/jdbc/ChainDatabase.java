package dev.marquee.adapters.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.marquee.adapters.CallTiming;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreProtocolException;
import dev.marquee.spi.TheatreTimeoutException;
import dev.marquee.spi.TheatreUnavailableException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.DateTimeException;
import java.time.Duration;

/**
 * The chain's database behind a connection pool: runs work in one READ COMMITTED transaction, committing
 * on success and rolling back otherwise, and turns what goes wrong into {@link TheatreException}s naming
 * the chain and the call. Nothing is retried here: whether a call is safe to repeat is the gateway's
 * decision.
 */
final class ChainDatabase implements AutoCloseable {
    /** PostgreSQL's statement_timeout cancels with query_canceled; lock_timeout with lock_not_available. */
    private static final String QUERY_CANCELED = "57014";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final String chainId;
    private final JdbcSettings settings;
    private final HikariDataSource pool;
    private final CallTiming timing;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    ChainDatabase(String chainId, JdbcSettings settings, CallTiming timing) {
        this.chainId = chainId;
        this.settings = settings;
        this.timing = timing;
        this.pool = new HikariDataSource(poolConfig(chainId, settings));
    }

    private static HikariConfig poolConfig(String chainId, JdbcSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("marquee-jdbc-" + chainId);
        config.setJdbcUrl(settings.url());
        settings.username().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(1, settings.poolSize()));
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 5_000));
        // The gateway starts whether or not the chain's database is up; calls fail until it is.
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Server-side, so that waiting for another writer's row lock counts too.
        config.setConnectionInitSql("SET statement_timeout = " + settings.statementTimeout().toMillis());
        config.addDataSourceProperty("connectTimeout", wholeSeconds(settings.connectTimeout()));
        config.addDataSourceProperty("loginTimeout", wholeSeconds(settings.connectTimeout()));
        // A dead network would otherwise leave a read hanging forever; the server gives up far sooner.
        config.addDataSourceProperty("socketTimeout", wholeSeconds(settings.statementTimeout()) + 10);
        config.addDataSourceProperty("ApplicationName", "marquee-jdbc-adapter");
        return config;
    }

    private static long wholeSeconds(Duration duration) {
        return duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
    }

    /**
     * Runs work in one transaction.
     *
     * @param call what is being done, for messages ("lockSeats of show 42")
     */
    <T> T inTransaction(String call, Work<T> work) {
        if (pool.isClosed()) {
            throw new IllegalStateException("chain " + chainId + ": " + call + ": the adapter is closed");
        }
        long started = CallTiming.start();
        boolean failed = true;
        try {
            T result = transaction(call, work);
            failed = false;
            return result;
        } finally {
            timing.report(call, started, failed);
        }
    }

    private <T> T transaction(String call, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(call, e);
        } catch (IllegalArgumentException | NullPointerException | DateTimeException | ArithmeticException e) {
            // The records the rows map to rejected them: the data breaks the schema's contract.
            throw new TheatreProtocolException(chainId,
                    call + ": the chain database holds data that breaks the sandbox schema: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Sorts a database failure into timeout, unreachable, or a database that is not what the schema says. */
    TheatreException failure(String call, SQLException e) {
        String detail = describe(e);
        if (isTimeout(e)) {
            return new TheatreTimeoutException(chainId,
                    call + ": the chain database did not answer within " + settings.statementTimeout() + " (" + detail + ")", e);
        }
        if (hasState(e, "28")) {
            return new TheatreUnavailableException(chainId, call + ": the chain database refused the login; check the chain's "
                    + JdbcSettings.USERNAME + " and " + JdbcSettings.PASSWORD + " settings (" + detail + ")", e);
        }
        if (isConnectionFailure(e)) {
            return new TheatreUnavailableException(chainId, call + ": cannot reach the chain database "
                    + JdbcSettings.withoutParameters(settings.url()) + " (" + detail + ")", e);
        }
        return new TheatreProtocolException(chainId,
                call + ": the chain database does not follow the sandbox schema (" + detail + ")", e);
    }

    private static boolean isTimeout(SQLException e) {
        if (e instanceof SQLTimeoutException || QUERY_CANCELED.equals(e.getSQLState()) || LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(SQLException e) {
        return e instanceof SQLTransientConnectionException // no connection from the pool within connect-timeout
                || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException
                || hasState(e, "08") // connection exception
                || hasState(e, "53") // insufficient resources (too many connections, disk full)
                || hasState(e, "57P") // the server is shutting down or starting up
                || hasState(e, "40"); // a serialization failure or deadlock: worth trying again later
    }

    /** Whether this exception or one it was caused by has an SQLState starting with the prefix. */
    private static boolean hasState(Throwable e, String prefix) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(SQLException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        if (e.getSQLState() != null) {
            text.append(", SQLState ").append(e.getSQLState());
        }
        if (e.getCause() != null && e.getCause() != e) {
            text.append("; caused by ").append(e.getCause());
        }
        return text.toString();
    }

    @Override
    public void close() {
        pool.close();
    }
}
