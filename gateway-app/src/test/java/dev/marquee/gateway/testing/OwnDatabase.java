package dev.marquee.gateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A PostgreSQL database of a test's own, made afresh, for gateways the test starts as processes: their environment
 * names it, and the test counts what it needs from its tables.
 */
public final class OwnDatabase {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String name;

    private OwnDatabase(String name) {
        this.name = name;
    }

    /** Drops the database if it is there (whoever is connected) and makes it again, empty. */
    public static OwnDatabase recreate(String name) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement statement = c.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not make the database " + name, e);
        }
        return new OwnDatabase(name);
    }

    public String url() {
        return SERVER + name;
    }

    /** What a gateway process needs to use it. */
    public Map<String, String> gatewayEnvironment() {
        return Map.of("MARQUEE_DB_URL", url(), "MARQUEE_DB_USER", "postgres", "MARQUEE_DB_PASSWORD", "");
    }

    /** The single number a query answers, e.g. a {@code COUNT(*)}. */
    public long count(String sql) {
        try (Connection c = DriverManager.getConnection(url(), "postgres", "");
                PreparedStatement select = c.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
