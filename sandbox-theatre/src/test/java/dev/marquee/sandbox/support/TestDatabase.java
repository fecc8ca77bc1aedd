package dev.marquee.sandbox.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Creates the PostgreSQL test database before the first test context starts. */
public final class TestDatabase implements BeforeAllCallback {
    public static final String NAME = "marquee_sandbox_test";
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + NAME;
    private static volatile boolean created;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        ensureExists();
    }

    static synchronized void ensureExists() throws SQLException {
        if (created) {
            return;
        }
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            try (PreparedStatement ps = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement create = admin.createStatement()) {
                            create.execute("CREATE DATABASE " + NAME);
                        }
                    }
                }
            }
        }
        created = true;
    }
}
