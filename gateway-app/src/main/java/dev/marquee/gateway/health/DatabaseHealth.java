package dev.marquee.gateway.health;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/** The gateway's database: a connection from the pool answers a query within the health timeout. */
@Singleton
final class DatabaseHealth implements HealthCheck {
    private final TransactionOperations<Connection> transactions;
    private final int timeoutSeconds;

    DatabaseHealth(TransactionOperations<Connection> transactions, @Value("${marquee.health.timeout:3s}") Duration timeout) {
        this.transactions = transactions;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean neededForReadiness() {
        return true;
    }

    @Override
    public Component check() {
        long started = System.nanoTime();
        String product = transactions.executeRead(status -> {
            Connection connection = status.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(timeoutSeconds);
                statement.execute("SELECT 1");
            }
            return connection.getMetaData().getDatabaseProductName();
        });
        return Component.up(Map.of("database", product, "answeredInMillis", Duration.ofNanos(System.nanoTime() - started).toMillis()));
    }
}
