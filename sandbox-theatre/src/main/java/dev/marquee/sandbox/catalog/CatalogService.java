package dev.marquee.sandbox.catalog;

import dev.marquee.sandbox.Database;
import dev.marquee.sandbox.SandboxConfig;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chain's catalogue: generated from the seed, read a page at a time. */
@Singleton
public class CatalogService {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);

    private final Database database;
    private final SandboxConfig config;
    private final Clock clock;

    public CatalogService(Database database, SandboxConfig config, Clock clock) {
        this.database = database;
        this.config = config;
        this.clock = clock;
    }

    /** Generates the catalogue unless the database already holds this seed and size (or always, with reset-on-start). */
    public void ensureGenerated() {
        Optional<Catalog.ChainInfo> stored = database.inTransaction(CatalogStore::storedChain);
        Catalog.ChainInfo wanted = wantedChain();
        if (config.resetOnStart()) {
            LOG.info("sandbox.reset-on-start is set: regenerating the catalogue");
        } else if (stored.isEmpty()) {
            LOG.info("The database holds no catalogue yet: generating one");
        } else if (!stored.get().equals(wanted)) {
            LOG.info("The database holds {} (seed {}, {}); the configuration asks for {} (seed {}, {}): regenerating",
                    stored.get().name(), stored.get().seed(), stored.get().size().label(),
                    wanted.name(), wanted.seed(), wanted.size().label());
        } else {
            LOG.info("Serving the catalogue already in the database: {} (seed {}, {})",
                    wanted.name(), wanted.seed(), wanted.size().label());
            warnIfStale();
            return;
        }
        regenerate();
    }

    private void warnIfStale() {
        Instant generatedAt = database.inTransaction(c -> {
            try (Statement statement = c.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT generated_at FROM chain WHERE id = 1")) {
                return rs.next() ? rs.getObject(1, java.time.OffsetDateTime.class).toInstant() : clock.instant();
            }
        });
        if (generatedAt.isBefore(clock.instant().minus(Duration.ofDays(1)))) {
            LOG.warn("The catalogue was generated at {}; its schedule runs out {} days later. POST /sandbox/v1/reset"
                    + " or set sandbox.reset-on-start=true for shows from today", generatedAt, config.catalogSize().days());
        }
    }

    /** Drops every lock and booking and generates the catalogue from the seed again. */
    public void regenerate() {
        long started = System.nanoTime();
        Catalog.ChainInfo chain = wantedChain();
        Catalog catalog = new CatalogGenerator(clock).generate(chain.seed(), chain.size(), chain.name(), chain.currency());
        long generated = System.nanoTime();
        database.inTransaction(connection -> {
            CatalogStore.clear(connection);
            CatalogStore.insert(connection, catalog, clock.instant());
            return null;
        });
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Generated {} (seed {}, {}): {} cities, {} cinemas, {} halls, {} seats, {} movies, {} shows in {} s"
                        + " ({} ms to make, {} ms to store)",
                chain.name(), chain.seed(), chain.size().label(), catalog.cities().size(), catalog.cinemas().size(),
                catalog.halls().size(), catalog.halls().stream().mapToInt(h -> h.seats().size()).sum(),
                catalog.movies().size(), catalog.shows().size(), String.format("%.1f", total.toMillis() / 1000.0),
                Duration.ofNanos(generated - started).toMillis(), Duration.ofNanos(System.nanoTime() - generated).toMillis());
    }

    public CatalogPage readPage(ReadPosition position, int limit) {
        return database.inTransaction(connection -> CatalogReader.read(connection, position, limit, clock.instant()));
    }

    public Info info() {
        return database.inTransaction(connection -> {
            Catalog.ChainInfo chain = CatalogStore.storedChain(connection).orElse(wantedChain());
            return new Info(chain.name(), chain.seed(), chain.size().label(), chain.currency(), config.lockTtl().toSeconds(),
                    new Counts(count(connection, "cities"), count(connection, "cinemas"), count(connection, "halls"),
                            count(connection, "movies"), count(connection, "shows")));
        });
    }

    private Catalog.ChainInfo wantedChain() {
        return new Catalog.ChainInfo(config.effectiveChainName(), config.seed(), config.catalogSize(), config.currency());
    }

    private static int count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Serdeable
    public record Info(String chainName, long seed, String size, String currency, long lockTtlSeconds, Counts counts) {
    }

    @Serdeable
    public record Counts(int cities, int cinemas, int halls, int movies, int shows) {
    }

    /** When this read started, for answers that say how fresh they are. */
    public Instant now() {
        return clock.instant();
    }
}
