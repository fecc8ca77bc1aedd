package dev.marquee.gateway.metrics;

import static dev.marquee.gateway.metrics.Scrape.label;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.contracts.sandbox.Faults;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.messaging.Outbox;
import dev.marquee.gateway.messaging.OutboundMessage;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.spi.Seat;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@code /prometheus} shows after activity: each metric moves by what was done. The gateway runs with one sandbox
 * chain that it syncs itself, and measures its query-backed gauges at every scrape ({@code marquee.metrics.sample-every=0s}).
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScrapeTest implements TestPropertyProvider {
    private static final String CHAIN = "metrics";
    private static final String OPERATOR_KEY = "operator-key-of-the-metrics-test";

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogHolder catalog;
    @Inject
    ChainRegistry chains;
    @Inject
    Outbox outbox;
    @Inject
    TransactionOperations<Connection> transactions;

    private SandboxTheatre chain;
    private ApiClient api;
    private List<Show> shows;
    private int nextShow;

    @Override
    public Map<String, String> getProperties() {
        chain = SandboxTheatre.builder().seed(67).size("small").chainName("Metric Cinemas").start();
        return Map.ofEntries(
                Map.entry("marquee.chains." + CHAIN + ".adapter", "rest"),
                Map.entry("marquee.chains." + CHAIN + ".settings.base-url", chain.baseUrl().toString()),
                Map.entry("marquee.chains." + CHAIN + ".sync-interval", "2s"),
                Map.entry("marquee.chains." + CHAIN + ".seat-map-ttl", "0s"),
                Map.entry("marquee.metrics.sample-every", "0s"),
                Map.entry("marquee.holds.sweep", "false"),
                Map.entry("marquee.bookings.sweep", "false"),
                Map.entry("marquee.waitlist.serve", "false"),
                Map.entry("marquee.waiting-room.admit", "false"),
                Map.entry("marquee.operator.key", OPERATOR_KEY));
    }

    @BeforeAll
    void syncedByTheGateway() {
        api = new ApiClient(server.getURL());
        shows = Eventually.await("the chain's shows synced", Duration.ofSeconds(60),
                () -> HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(2)).stream()
                        .filter(show -> show.chainId().equals(CHAIN)).toList(), list -> list.size() >= 6);
    }

    @AfterAll
    void stopChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void holdsAreCountedAsWonConflictedOrFailed() {
        Show show = nextShow();
        List<String> seats = seatsOf(show, 2);
        Scrape before = scrape();

        assertThat(hold(show, seats.subList(0, 1), "won@example.org").status()).isEqualTo(201);
        assertThat(hold(show, seats.subList(0, 1), "too-late@example.org").status()).isEqualTo(409);
        Scrape afterTwo = scrape();
        chain.admin().faults(Faults.down());
        try {
            assertThat(hold(show, seats.subList(1, 2), "chain-down@example.org").status()).isEqualTo(503);
        } finally {
            chain.admin().clearFaults();
        }
        Scrape after = scrape();

        assertThat(afterTwo.value("marquee_holds_total", label("outcome", "won"))
                - before.value("marquee_holds_total", label("outcome", "won"))).isEqualTo(1);
        assertThat(afterTwo.value("marquee_holds_total", label("outcome", "conflicted"))
                - before.value("marquee_holds_total", label("outcome", "conflicted"))).isEqualTo(1);
        assertThat(after.value("marquee_holds_total", label("outcome", "failed"))
                - before.value("marquee_holds_total", label("outcome", "failed"))).isEqualTo(1);
        assertThat(after.value("marquee_holds_total", label("outcome", "refused"))
                - before.value("marquee_holds_total", label("outcome", "refused"))).isZero();
    }

    @Test
    void seatMapReadsAreCountedAsCacheHitsAndMisses() {
        Show show = nextShow();
        Scrape before = scrape();

        assertThat(api.send("GET", "/api/v1/shows/" + show.id() + "/seats", null, null).status()).isEqualTo(200);
        Scrape afterFirst = scrape();
        // Later reads are served from the map made by the first, once this instance hears other instances' notices.
        Eventually.await("a read served from the ready map", Duration.ofSeconds(10), () -> {
            api.send("GET", "/api/v1/shows/" + show.id() + "/seats", null, null);
            return scrape().value("marquee_seat_map_reads_total", label("cache", "hit"));
        }, hits -> hits > before.value("marquee_seat_map_reads_total", label("cache", "hit")));

        assertThat(afterFirst.value("marquee_seat_map_reads_total", label("cache", "miss"))
                - before.value("marquee_seat_map_reads_total", label("cache", "miss"))).as("the first read of a show").isEqualTo(1);
        assertThat(afterFirst.value("marquee_seat_map_reads_total", label("cache", "hit")))
                .isEqualTo(before.value("marquee_seat_map_reads_total", label("cache", "hit")));
    }

    @Test
    void eachChainsBreakerStateIsShown() {
        CircuitBreaker breaker = chains.chain(CHAIN).orElseThrow().breaker();
        assertThat(scrape().value("marquee_chain_breaker_state", label("chain", CHAIN), label("state", "closed"))).isEqualTo(1);

        breaker.transitionToOpenState();
        try {
            Scrape open = scrape();
            assertThat(open.value("marquee_chain_breaker_state", label("chain", CHAIN), label("state", "open"))).isEqualTo(1);
            assertThat(open.value("marquee_chain_breaker_state", label("chain", CHAIN), label("state", "closed"))).isZero();
        } finally {
            breaker.transitionToClosedState();
        }
    }

    @Test
    void eachChainsSyncLagAndWhetherThisInstanceSyncsItAreShown() {
        Scrape scrape = Eventually.await("a good sync of the chain", Duration.ofSeconds(20), this::scrape,
                s -> s.value("marquee_catalog_sync_failures", label("chain", CHAIN)) == 0);

        assertThat(scrape.value("marquee_catalog_sync_lag_seconds", label("chain", CHAIN))).isBetween(0.0, 10.0);
        assertThat(scrape.value("marquee_catalog_sync_leased", label("chain", CHAIN))).as("the only instance syncs it").isEqualTo(1);
    }

    @Test
    void theOutboxBacklogsDepthAndTheAgeOfItsOldestMessageAreShown() {
        double before = scrape().value("marquee_outbox_depth");
        List<String> ids = List.of("metrics-" + UUID.randomUUID(), "metrics-" + UUID.randomUUID());
        transactions.executeWrite(status -> {
            for (String id : ids) {
                outbox.append(status.getConnection(), new OutboundMessage(id, "metrics.test", "{}"));
            }
            return null;
        });
        try {
            // Messaging is off in these tests: nothing relays the outbox, so the messages wait there.
            assertThat(scrape().value("marquee_outbox_depth") - before).isEqualTo(2);
            Eventually.await("the oldest message a second old", Duration.ofSeconds(10),
                    () -> scrape().value("marquee_outbox_oldest_age_seconds"), age -> age >= 1);
        } finally {
            // Test classes with a broker would publish them later.
            transactions.executeWrite(status -> {
                try (var delete = status.getConnection().prepareStatement("DELETE FROM outbox WHERE message_id = ?")) {
                    for (String id : ids) {
                        delete.setString(1, id);
                        delete.executeUpdate();
                    }
                }
                return null;
            });
        }
    }

    @Test
    void waitlistAndWaitingRoomQueueSizesAreShownByStatus() {
        Show show = nextShow();
        // Rows of earlier runs stay in the database: people new to this run.
        String run = UUID.randomUUID().toString().substring(0, 8);
        Scrape before = scrape();

        assertThat(api.call("POST", "/api/v1/shows/" + show.id() + "/waitlist", Map.of(),
                "{\"email\":\"waiting-" + run + "@example.org\",\"seatCount\":2}").status()).isEqualTo(201);
        assertThat(api.call("PUT", "/api/v1/operator/queues/shows/" + show.id(), Map.of("Authorization", "Bearer " + OPERATOR_KEY),
                "{\"admissionsPerMinute\":1,\"admissionValiditySeconds\":600}").status()).isEqualTo(200);
        for (String email : List.of("first-" + run + "@example.org", "second-" + run + "@example.org")) {
            assertThat(api.call("POST", "/api/v1/shows/" + show.id() + "/queue", Map.of(), "{\"email\":\"" + email + "\"}").status())
                    .isEqualTo(201);
        }
        Scrape after = scrape();

        assertThat(after.value("marquee_waitlist_entries", label("status", "waiting"))
                - before.value("marquee_waitlist_entries", label("status", "waiting"))).isEqualTo(1);
        assertThat(after.value("marquee_queue_places", label("status", "waiting"))
                - before.value("marquee_queue_places", label("status", "waiting"))).isEqualTo(2);
    }

    @Test
    void requestsAreTimedPerRoute() {
        Show show = nextShow();
        String route = label("uri", "/api/v1/shows/{showId}");
        Scrape before = scrape();

        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/v1/shows/" + show.id()).status()).isEqualTo(200);
        }
        Scrape after = scrape();

        double count = after.value("http_server_requests_seconds_count", route, label("method", "GET"), label("status", "200"));
        double countBefore = before.value("http_server_requests_seconds_count", route, label("method", "GET"), label("status", "200"));
        assertThat(count - (Double.isNaN(countBefore) ? 0 : countBefore)).isEqualTo(3);
        assertThat(after.value("http_server_requests_seconds_sum", route, label("method", "GET"), label("status", "200")))
                .isGreaterThan(0);
    }

    private Scrape scrape() {
        return Scrape.of(api);
    }

    private ApiClient.Answer hold(Show show, List<String> seats, String email) {
        return api.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                HoldRequests.body(show.id(), seats, email));
    }

    private Show nextShow() {
        return shows.get(nextShow++);
    }

    private List<String> seatsOf(Show show, int count) {
        return catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream().map(Seat::ref).limit(count).toList();
    }
}
