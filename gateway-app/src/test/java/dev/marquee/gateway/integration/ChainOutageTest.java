package dev.marquee.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.contracts.sandbox.Faults;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.Health;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.TestClock;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreTimeoutException;
import dev.marquee.spi.TheatreUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway with two sandbox chains through the REST adapter while one of them (Lumen) is made slow
 * or down through the sandbox's fault injection: its breaker opens and fails fast, its catalogue and
 * last seat answers keep being served with their age, health says what is wrong, the other chain is
 * untouched, and everything recovers when the chain does. Each test starts with no faults and both
 * breakers closed.
 *
 * <p>The gateway runs on a {@link TestClock} that stands still: an open breaker ends only when a test
 * moves the clock past its open duration, so no test waits for one.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainOutageTest implements TestPropertyProvider {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** Long, because the tests move the clock past it instead of waiting. */
    private static final Duration OPEN_DURATION = Duration.ofMinutes(1);

    private SandboxTheatre aurora;
    private SandboxTheatre lumen;

    @Inject
    CatalogSync sync;
    @Inject
    CatalogHolder catalog;
    @Inject
    ChainRegistry chains;
    @Inject
    CatalogTables tables;
    @Inject
    EmbeddedServer server;
    @Inject
    TestClock clock;

    private ApiClient api;
    private String lumenMovieRef;

    @Override
    public Map<String, String> getProperties() {
        aurora = SandboxTheatre.builder().seed(1).size("small").chainName("Aurora Cinemas").start();
        lumen = SandboxTheatre.builder().seed(2).size("small").chainName("Lumen Pictures").start();
        return Map.ofEntries(
                Map.entry("marquee.sync.enabled", "false"),
                Map.entry("marquee.test.clock", "fixed"),
                Map.entry("marquee.seating.retry-after", "3s"),
                Map.entry("marquee.chains.aurora.adapter", "rest"),
                Map.entry("marquee.chains.aurora.name", "Aurora Cinemas"),
                Map.entry("marquee.chains.aurora.settings.base-url", aurora.baseUrl().toString()),
                Map.entry("marquee.chains.aurora.settings.request-timeout", "1s"),
                Map.entry("marquee.chains.aurora.seat-map-ttl", "0s"),
                Map.entry("marquee.chains.lumen.adapter", "rest"),
                Map.entry("marquee.chains.lumen.name", "Lumen Pictures"),
                Map.entry("marquee.chains.lumen.settings.base-url", lumen.baseUrl().toString()),
                Map.entry("marquee.chains.lumen.settings.request-timeout", REQUEST_TIMEOUT.toMillis() + "ms"),
                Map.entry("marquee.chains.lumen.seat-map-ttl", "0s"),
                Map.entry("marquee.chains.lumen.breaker.open-duration", OPEN_DURATION.toMillis() + "ms"));
    }

    @BeforeAll
    void syncBothChainsFromScratch() {
        // Near the sandboxes' time, so that their shows are as far ahead for the gateway as for them.
        clock.set(Instant.now());
        tables.clear();
        for (Chain chain : chains.all()) {
            sync.sync(chain);
        }
        api = new ApiClient(server.getURL());
        Show show = anUpcomingShowOf("lumen", 0);
        lumenMovieRef = lumenTheatre().readCatalog(CatalogCursor.START).shows().stream()
                .filter(s -> s.ref().equals(show.ref())).findFirst().orElseThrow().movieRef();
    }

    @BeforeEach
    void bothChainsHealthy() {
        aurora.admin().clearFaults();
        lumen.admin().clearFaults();
        closeBreakerOf("lumen");
        closeBreakerOf("aurora");
    }

    @AfterAll
    void stopSandboxes() {
        if (aurora != null) {
            aurora.close();
        }
        if (lumen != null) {
            lumen.close();
        }
    }

    @Test
    @Order(1)
    void theBreakerOfADownChainOpensWithinTenCallsAndThenFailsFast() {
        Show show = anUpcomingShowOf("lumen", 0);
        lumen.admin().faults(Faults.down());

        int calls = openBreakerOf("lumen", show);

        assertThat(calls).isLessThanOrEqualTo(10);
        assertThat(breakerOf("lumen").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> lumenTheatre().readSeats(show.ref()));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(failure).isInstanceOf(TheatreUnavailableException.class).hasMessageContaining("circuit breaker is open");
            assertThat(millis).as("a call refused by the open breaker").isLessThan(100);
        }
        Show auroraShow = anUpcomingShowOf("aurora", 0);
        assertThat(chains.chain("aurora").orElseThrow().theatre().readSeats(auroraShow.ref()).showRef())
                .isEqualTo(auroraShow.ref());
        assertThat(breakerOf("aurora").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    @Order(2)
    void aDownChainsCatalogueAndLastSeatMapsAreServedWithTheirAgeWhileTheOtherChainIsUnaffected() {
        Show seenBefore = anUpcomingShowOf("lumen", 1);
        Show neverSeen = anUpcomingShowOf("lumen", 2);
        Show auroraShow = anUpcomingShowOf("aurora", 1);
        ApiClient.Answer fresh = api.get(seatsOf(seenBefore));
        assertThat(fresh.json().path("stale").asBoolean()).isFalse();
        lumen.admin().faults(Faults.down());
        openBreakerOf("lumen", neverSeen);
        clock.advance(Duration.ofSeconds(42));

        // The kept map is served at once; the chain's failure, found by the read ahead, marks it stale.
        ApiClient.Answer stale = Eventually.await("the last seat map served stale", Duration.ofSeconds(5),
                () -> api.get(seatsOf(seenBefore)), a -> a.json().path("stale").asBoolean());
        ApiClient.Answer unknown = api.get(seatsOf(neverSeen));

        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.json().path("stale").asBoolean()).isTrue();
        assertThat(stale.json().path("availabilityReadAt").asText()).isEqualTo(fresh.json().path("availabilityReadAt").asText());
        Instant readAt = Instant.parse(fresh.json().path("availabilityReadAt").asText());
        assertThat(stale.json().path("ageSeconds").asLong()).as("the age by the gateway's clock")
                .isEqualTo(Duration.between(readAt, clock.instant()).toSeconds()).isGreaterThanOrEqualTo(42);
        assertThat(stale.json().path("seats").size()).isEqualTo(fresh.json().path("seats").size());
        assertThat(unknown.status()).isEqualTo(503);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(unknown.retryAfter()).isEqualTo("3");
        assertThat(api.get("/api/v1/shows/" + seenBefore.id()).status()).isEqualTo(200);
        ApiClient.Answer downCinema = api.get("/api/v1/cinemas/" + cinemaOf(seenBefore));
        assertThat(downCinema.status()).isEqualTo(200);
        assertThat(downCinema.json().path("chain").path("catalogueStale").asBoolean()).isTrue();
        assertThat(downCinema.json().path("chain").path("catalogueAgeSeconds").isNumber()).isTrue();

        long start = System.nanoTime();
        ApiClient.Answer auroraSeats = api.get(seatsOf(auroraShow));
        assertThat(auroraSeats.status()).isEqualTo(200);
        assertThat(auroraSeats.json().path("stale").asBoolean()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REQUEST_TIMEOUT);
        ApiClient.Answer upCinema = api.get("/api/v1/cinemas/" + cinemaOf(auroraShow));
        assertThat(upCinema.status()).isEqualTo(200);
        assertThat(upCinema.json().path("chain").path("catalogueStale").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void healthShowsTheDownChainDownWithItsErrorAndOpenBreakerAndTheOtherUp() {
        lumen.admin().faults(Faults.down());
        assertThatThrownBy(() -> sync.sync(chains.chain("lumen").orElseThrow())).isInstanceOf(TheatreException.class);
        openBreakerOf("lumen", anUpcomingShowOf("lumen", 0));
        sync.sync(chains.chain("aurora").orElseThrow());

        assertThat(api.send("GET", "/health/readiness", null, null).status()).as("a chain down keeps the instance ready")
                .isEqualTo(200);
        JsonNode health = Health.fresh(api);

        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode details = health.path("details").path("chains").path("details");
        JsonNode lumenHealth = details.path("lumen");
        assertThat(lumenHealth.path("status").asText()).isEqualTo("DOWN");
        assertThat(lumenHealth.path("lastSyncSucceeded").asBoolean()).isFalse();
        assertThat(lumenHealth.path("lastError").asText()).contains("chain lumen");
        assertThat(lumenHealth.path("consecutiveFailures").asInt()).isPositive();
        assertThat(lumenHealth.path("circuitBreaker").asText()).isEqualTo("OPEN");
        JsonNode auroraHealth = details.path("aurora");
        assertThat(auroraHealth.path("status").asText()).isEqualTo("UP");
        assertThat(auroraHealth.path("circuitBreaker").asText()).isEqualTo("CLOSED");
        assertThat(health.path("details").path("chains").path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    @Order(4)
    void latencyBeyondTheRequestTimeoutIsATimeoutThatCountsTowardTheBreaker() {
        Show show = anUpcomingShowOf("lumen", 0);
        lumen.admin().faults(Faults.slow(REQUEST_TIMEOUT.multipliedBy(3)));
        int failedBefore = breakerOf("lumen").getMetrics().getNumberOfFailedCalls();

        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> lumenTheatre().readSeats(show.ref()));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).isInstanceOf(TheatreTimeoutException.class);
        assertThat(waited).isBetween(REQUEST_TIMEOUT, REQUEST_TIMEOUT.multipliedBy(2));
        assertThat(breakerOf("lumen").getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore + 1);
        assertThat(openBreakerOf("lumen", show)).as("further calls until the breaker opens").isLessThanOrEqualTo(9);
    }

    @Test
    @Order(5)
    void aChainThatDropsConnectionsFailsLikeADownOne() {
        Show show = anUpcomingShowOf("lumen", 0);
        lumen.admin().faults(Faults.refusingConnections());

        assertThatThrownBy(() -> lumenTheatre().readSeats(show.ref())).isInstanceOf(TheatreUnavailableException.class);
        assertThat(openBreakerOf("lumen", show)).isLessThanOrEqualTo(9);
    }

    @Test
    @Order(6)
    void whenTheChainRecoversTheBreakerClosesAndASyncCatchesUpWithWhatChangedMeanwhile() {
        Show template = lumenDownWithItsBreakerOpen();
        assertThatThrownBy(() -> sync.sync(chains.chain("lumen").orElseThrow())).isInstanceOf(TheatreException.class);
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String addedRef = lumen.admin().addShow(lumenMovieRef, hallRefOf(template), start);

        lumen.admin().clearFaults();
        closeBreakerOf("lumen");
        sync.sync(chains.chain("lumen").orElseThrow());

        assertThat(catalog.current().show("lumen:" + addedRef)).get().extracting(Show::startsAt).isEqualTo(start);
        ApiClient.Answer seats = api.get(seatsOf(template));
        assertThat(seats.json().path("stale").asBoolean()).isFalse();
        JsonNode lumenHealth = healthOf("lumen");
        assertThat(lumenHealth.path("status").asText()).isEqualTo("UP");
        assertThat(lumenHealth.path("circuitBreaker").asText()).isEqualTo("CLOSED");
    }

    @Test
    @Order(7)
    void aChainWhoseBreakerIsOpenIsDownInHealthBeforeItsNextSyncFails() {
        sync.sync(chains.chain("lumen").orElseThrow());
        lumenDownWithItsBreakerOpen();

        JsonNode lumenHealth = healthOf("lumen");

        assertThat(lumenHealth.path("lastSyncSucceeded").asBoolean()).isTrue();
        assertThat(lumenHealth.path("circuitBreaker").asText()).isEqualTo("OPEN");
        assertThat(lumenHealth.path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    @Order(8)
    void anOpenBreakerLetsTrialCallsThroughOnlyOnceTheClockHasPassedItsOpenDuration() {
        Show show = lumenDownWithItsBreakerOpen();
        lumen.admin().clearFaults();

        clock.advance(OPEN_DURATION.minusSeconds(1));
        assertThatThrownBy(() -> lumenTheatre().readSeats(show.ref())).hasMessageContaining("circuit breaker is open");
        clock.advance(Duration.ofSeconds(2));
        assertThat(healthOf("lumen").path("circuitBreaker").asText()).as("no timer moves the breaker; the next call does").isEqualTo("OPEN");

        assertThat(lumenTheatre().readSeats(show.ref()).showRef()).isEqualTo(show.ref());
        assertThat(healthOf("lumen").path("circuitBreaker").asText()).isEqualTo("HALF_OPEN");
        lumenTheatre().readSeats(show.ref());
        assertThat(healthOf("lumen").path("circuitBreaker").asText()).isEqualTo("CLOSED");
    }

    /** Reads the show's seats until the chain's breaker opens; returns how many calls that took (at most 20). */
    private int openBreakerOf(String chainId, Show show) {
        TheatreAdapter theatre = chains.chain(chainId).orElseThrow().theatre();
        for (int calls = 1; calls <= 20; calls++) {
            assertThatThrownBy(() -> theatre.readSeats(show.ref())).isInstanceOf(TheatreException.class);
            if (breakerOf(chainId).getState() == CircuitBreaker.State.OPEN) {
                return calls;
            }
        }
        throw new AssertionError("the breaker of " + chainId + " did not open within 20 failed calls: "
                + breakerOf(chainId).getState());
    }

    /**
     * Closes the chain's breaker as time would: moves the clock past an open breaker's open duration, then
     * reads seats from the (healthy) chain, which the breaker lets through as trial calls until it closes.
     */
    private void closeBreakerOf(String chainId) {
        if (breakerOf(chainId).getState() == CircuitBreaker.State.OPEN) {
            clock.advance(Duration.ofMillis(breakerOf(chainId).getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
                    .plusSeconds(1));
        }
        Show show = anUpcomingShowOf(chainId, 0);
        TheatreAdapter theatre = chains.chain(chainId).orElseThrow().theatre();
        for (int trial = 1; trial <= 5 && breakerOf(chainId).getState() != CircuitBreaker.State.CLOSED; trial++) {
            theatre.readSeats(show.ref());
        }
        assertThat(breakerOf(chainId).getState()).as("the breaker of " + chainId + " after trial calls")
                .isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** Takes Lumen down and reads a show's seats until its breaker opens; answers the show. */
    private Show lumenDownWithItsBreakerOpen() {
        Show show = anUpcomingShowOf("lumen", 0);
        lumen.admin().faults(Faults.down());
        openBreakerOf("lumen", show);
        return show;
    }

    private JsonNode healthOf(String chainId) {
        return Health.fresh(api).path("details").path("chains").path("details").path(chainId);
    }

    private CircuitBreaker breakerOf(String chainId) {
        return chains.chain(chainId).orElseThrow().breaker();
    }

    private TheatreAdapter lumenTheatre() {
        return chains.chain("lumen").orElseThrow().theatre();
    }

    private Show anUpcomingShowOf(String chainId, int n) {
        Instant soon = Instant.now().plus(1, ChronoUnit.HOURS);
        List<Show> shows = catalog.current().cinemas().stream().filter(c -> c.chainId().equals(chainId))
                .flatMap(c -> catalog.current().showsAt(c.id()).stream())
                .filter(s -> s.isOnSale(soon))
                .limit(n + 1)
                .toList();
        return shows.get(n);
    }

    private String cinemaOf(Show show) {
        return catalog.current().hall(show.hallId()).orElseThrow().cinemaId();
    }

    private static String seatsOf(Show show) {
        return "/api/v1/shows/" + show.id() + "/seats";
    }

    private static String hallRefOf(Show show) {
        return show.hallId().substring(show.hallId().indexOf(':') + 1);
    }
}
