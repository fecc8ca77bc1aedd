package dev.marquee.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.CountingChainProxy;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.GatewayProcess;
import dev.marquee.gateway.web.ApiClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateway instances, processes of their own on one PostgreSQL database, with one chain: only one syncs it, the
 * other serves what that one wrote, and when the syncing one is killed ({@code kill -9}) the other takes over within
 * one sync interval. Each instance reaches the chain through a proxy of its own, so the chain's side counts who read
 * its catalogue. The control run switches the lease off: then both read it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneSyncerPerChainTest {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final Duration INTERVAL = Duration.ofSeconds(6);

    private final String database = databaseName();
    private SandboxTheatre chain;
    private final List<CountingChainProxy> proxies = new ArrayList<>();
    private final List<GatewayProcess> gateways = new ArrayList<>();

    @BeforeAll
    void startChain() {
        chain = SandboxTheatre.builder().seed(61).size("small").chainName("Aurora Cinemas").start();
    }

    @AfterEach
    void stopGateways() {
        gateways.forEach(GatewayProcess::close);
        gateways.clear();
        proxies.forEach(CountingChainProxy::close);
        proxies.clear();
    }

    @AfterAll
    void stopChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void oneInstanceSyncsAChainTheOtherServesItAndTakesOverWhenTheFirstIsKilled() throws Exception {
        recreateDatabase();
        startTwoGateways(true);

        Eventually.await("three syncs of the chain", INTERVAL.multipliedBy(4), () -> reads(0) + reads(1), n -> n >= 3);
        int syncer = reads(0) > 0 ? 0 : 1;
        int other = 1 - syncer;
        assertThat(reads(other)).as("catalogue reads by the instance that does not hold the lease").isZero();

        String added = chain.admin().addShow(aMovieRef(), aHallRef(), Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS));
        ApiClient otherApi = new ApiClient(gateways.get(other).url());
        Eventually.await("the show the chain added, served by the instance that does not sync", INTERVAL.multipliedBy(2),
                () -> otherApi.send("GET", "/api/v1/shows/aurora:" + added, null, null).status(), status -> status == 200);
        assertThat(reads(other)).as("catalogue reads by the instance that does not hold the lease").isZero();

        Instant killed = Instant.now();
        gateways.get(syncer).kill();

        Instant takenOver = Eventually.await("the other instance syncing the chain", INTERVAL.multipliedBy(2),
                () -> proxies.get(other).firstCatalogReadAfter(killed), java.util.Optional::isPresent).orElseThrow();
        assertThat(Duration.between(killed, takenOver)).as("from the kill to the other instance's first sync")
                .isLessThanOrEqualTo(INTERVAL);
        int afterTakeover = reads(other);
        Eventually.await("the new syncer syncing again on its interval", INTERVAL.multipliedBy(2), () -> reads(other),
                n -> n > afterTakeover);
        assertThat(holderOfTheLease()).as("the lease's holder").isNotBlank();
    }

    @Test
    void withoutTheLeaseBothInstancesSyncTheChain() throws Exception {
        recreateDatabase();
        startTwoGateways(false);

        Eventually.await("both instances reading the chain's catalogue", INTERVAL.multipliedBy(3),
                () -> List.of(reads(0), reads(1)), reads -> reads.get(0) > 0 && reads.get(1) > 0);
    }

    private void startTwoGateways(boolean oneSyncerPerChain) {
        for (int i = 0; i < 2; i++) {
            CountingChainProxy proxy = CountingChainProxy.to(chain.baseUrl());
            proxies.add(proxy);
            Map<String, String> settings = new HashMap<>(Map.of(
                    "marquee.sync.one-syncer-per-chain", Boolean.toString(oneSyncerPerChain),
                    "marquee.messaging.enabled", "false",
                    "marquee.holds.sweep", "false",
                    "marquee.bookings.sweep", "false",
                    "marquee.waitlist.serve", "false",
                    "marquee.chains.aurora.name", "Aurora Cinemas",
                    "marquee.chains.aurora.adapter", "rest",
                    "marquee.chains.aurora.settings.base-url", proxy.url().toString(),
                    "marquee.chains.aurora.sync-interval", INTERVAL.toSeconds() + "s"));
            gateways.add(GatewayProcess.start(BookingJourney.freePort(), settings, Map.of("MARQUEE_DB_URL", POSTGRES + database,
                    "MARQUEE_DB_USER", "postgres", "MARQUEE_DB_PASSWORD", ""), "one-syncer-" + (oneSyncerPerChain ? "" : "control-") + i));
        }
    }

    private int reads(int instance) {
        return proxies.get(instance).catalogReads();
    }

    private String aMovieRef() throws SQLException {
        return single("SELECT ref FROM chain_movie WHERE chain_id = 'aurora' ORDER BY ref LIMIT 1");
    }

    private String aHallRef() throws SQLException {
        return single("SELECT ref FROM halls WHERE chain_id = 'aurora' ORDER BY ref LIMIT 1");
    }

    private String holderOfTheLease() throws SQLException {
        return single("SELECT holder FROM chain_sync_leases WHERE chain_id = 'aurora'");
    }

    private String single(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES + database, "postgres", "");
                PreparedStatement select = c.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void recreateDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                Statement statement = c.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    /** A database of this test's own beside the run's test database, so that runs in other checkouts keep to theirs. */
    private static String databaseName() {
        String url = System.getenv("MARQUEE_TEST_DB_URL");
        String base = url == null || url.isBlank() ? "marquee_gateway_test" : url.substring(url.lastIndexOf('/') + 1);
        return base.replaceAll("[^a-z0-9_]", "") + "_one_syncer";
    }
}
