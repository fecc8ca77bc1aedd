package dev.marquee.gateway.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Claims the gateway's test database for one test run. The tests empty and fill its tables as they go,
 * so two runs on one database (two worktrees, a run and an IDE) would break each other's tests at random;
 * instead the second run fails at once, naming the run that holds the database and the variable that
 * gives a run a database of its own. The claim is a session advisory lock on that database, held for the
 * run and gone with its connection, so a run that dies leaves nothing to clean up.
 *
 * <p>Only the test JVM takes it: gateways started as processes ({@link GatewayProcess}) and sandbox chains
 * run without the test classes, and an advisory lock keeps no one from the database's tables.
 */
public final class TestDatabaseClaim implements LauncherSessionListener {
    public static final String VARIABLE = "MARQUEE_TEST_DB_URL";
    /** The default of {@code application-test.yml}. */
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/marquee_gateway_test";
    private static final int LOCK_CLASS = 0x7E57_DB;
    private static final String LOCK_NAME = "marquee-gateway-test-run";
    private static final String APPLICATION = "marquee test run";

    private Connection claim;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String url = url();
        Connection connection = connect(url);
        if (connection == null) {
            return;
        }
        try {
            if (!tryLock(connection)) {
                String holder = holder(connection);
                close(connection);
                throw new IllegalStateException("Another test run holds the test database " + url + " (" + holder + "). "
                        + "Wait for it, or give this run a database of its own: " + VARIABLE + "=jdbc:postgresql://127.0.0.1:5432/<name>");
            }
            claim = connection;
        } catch (SQLException e) {
            close(connection);
            throw new IllegalStateException("could not claim the test database " + url, e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (claim != null) {
            close(claim);
            claim = null;
        }
    }

    static String url() {
        String url = System.getenv(VARIABLE);
        if (url == null || url.isBlank()) {
            url = System.getProperty(VARIABLE, DEFAULT_URL);
        }
        return url;
    }

    /** The claim's connection; none when PostgreSQL cannot be reached, and the tests that need it will say so. */
    private static Connection connect(String url) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "");
        properties.setProperty("ApplicationName", APPLICATION + " (pid " + ManagementFactory.getRuntimeMXBean().getPid() + " in "
                + Path.of("").toAbsolutePath() + ")");
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            System.err.println("[" + TestDatabaseClaim.class.getSimpleName() + "] the test database " + url
                    + " cannot be reached, so this run does not claim it: " + e.getMessage());
            return null;
        }
    }

    static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setString(2, LOCK_NAME);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Who holds the claim, as PostgreSQL knows it. */
    private static String holder(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT a.application_name, a.backend_start FROM pg_locks l "
                + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND l.classid = ? AND l.objid = hashtext(?)::oid")) {
            select.setInt(1, LOCK_CLASS);
            select.setString(2, LOCK_NAME);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? "held by " + rs.getString(1) + " since " + rs.getTimestamp(2) : "its holder is gone by now";
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the lock goes with the session either way
        }
    }
}
