package dev.marquee.gateway.db;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds every statement of the gateway's pool on PostgreSQL ({@code marquee.database.statement-timeout}, 30 s): the
 * server cancels a statement that runs, or waits for a lock, longer. And bounds every read from the socket
 * ({@code marquee.database.socket-timeout}, 60 s), for a server or network that stops answering without closing the
 * connection, which no statement timeout notices. Both are the PostgreSQL driver's own connection properties
 * ({@code options=-c statement_timeout=…}, {@code socketTimeout}), set on the pool before it opens its first
 * connection; H2, the embedded default, gets neither.
 */
@Singleton
final class DatabaseTimeouts implements BeanCreatedEventListener<DatasourceConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseTimeouts.class);

    private final Duration statementTimeout;
    private final Duration socketTimeout;

    DatabaseTimeouts(@Value("${marquee.database.statement-timeout:30s}") Duration statementTimeout,
                     @Value("${marquee.database.socket-timeout:60s}") Duration socketTimeout) {
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new ConfigurationException("marquee.database.statement-timeout must be positive, got " + statementTimeout);
        }
        if (socketTimeout.toSeconds() <= statementTimeout.toSeconds()) {
            // A read cut before the server cancels would leave the statement running with nobody waiting for it.
            throw new ConfigurationException("marquee.database.socket-timeout must be longer (in whole seconds) than "
                    + "marquee.database.statement-timeout (" + statementTimeout + "), got " + socketTimeout);
        }
        this.statementTimeout = statementTimeout;
        this.socketTimeout = socketTimeout;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration pool = event.getBean();
        String url = pool.getUrl();
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return pool;
        }
        pool.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeout.toSeconds()));
        String options = pool.getDataSourceProperties().getProperty("options", "");
        pool.addDataSourceProperty("options", (options + " -c statement_timeout=" + statementTimeout.toMillis()).strip());
        LOG.info("Database {}: statements time out after {}, socket reads after {}", pool.getName(), statementTimeout, socketTimeout);
        return pool;
    }
}
