package dev.marquee.gateway.seating;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.booking.holds.HeldSeat;
import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Cinemas;
import dev.marquee.gateway.seating.FakeSeatsFactory.FakeSeats;
import dev.marquee.gateway.web.ApiClient.Answer;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.TestClock;
import dev.marquee.spi.Money;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/shows/{showId}/seats} against chains whose answers the test controls; every
 * exchange is also checked against gateway-api.yaml. Each test uses its own show, so cached answers of
 * one test never leak into another.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.test.clock", value = "fixed")
@Property(name = "marquee.chains.aurora.name", value = "Aurora Cinemas")
@Property(name = "marquee.chains.aurora.adapter", value = "fake-seats")
@Property(name = "marquee.chains.aurora.seat-map-ttl", value = "5s")
// A breaker that never opens, so that failures reach the adapter as the test scripts them.
@Property(name = "marquee.chains.aurora.breaker.minimum-calls", value = "1000")
@Property(name = "marquee.chains.aurora.breaker.sliding-window-size", value = "1000")
@Property(name = "marquee.seating.retry-after", value = "7s")
class SeatMapApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    CatalogHolder catalogs;
    @Inject
    TestClock clock;
    @Inject
    SeatMapService seatMaps;
    @Inject
    HoldStore holds;

    ApiClient api;
    FakeSeats aurora = FakeSeatsFactory.chain("aurora");

    @BeforeEach
    void setUp() {
        clock.set(Cinemas.NOW);
        catalogs.replace(Cinemas.standard());
        aurora.reset();
        aurora.answers(Set.of("A2"), Set.of("B1", "B2"), Cinemas.NOW);
        api = new ApiClient(server.getURL());
    }

    private static Map<String, JsonNode> seatsById(JsonNode map) {
        Map<String, JsonNode> seats = new HashMap<>();
        map.path("seats").forEach(seat -> seats.put(seat.path("id").asText(), seat));
        return seats;
    }

    @Test
    void aFreshSeatMapHasEverySeatWithItsStatePriceAndPlace() {
        Answer answer = api.get("/api/v1/shows/aurora:101/seats");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode map = answer.json();
        assertThat(map.path("stale").asBoolean()).isFalse();
        assertThat(map.path("ageSeconds").asLong()).isZero();
        assertThat(map.path("availabilityReadAt").asText()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(map.path("seatsAvailable").asInt()).isEqualTo(3);
        Map<String, JsonNode> seats = seatsById(map);
        assertThat(seats).hasSize(6);
        assertThat(seats.get("A1").path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(seats.get("A2").path("status").asText()).isEqualTo("HELD");
        assertThat(seats.get("B1").path("status").asText()).isEqualTo("SOLD");
        assertThat(seats.get("A1").path("price").path("amount").asText()).isEqualTo("9.50");
        assertThat(seats.get("B3").path("category").asText()).isEqualTo("premium");
        assertThat(seats.get("B3").path("price").path("amount").asText()).isEqualTo("12.00");
        assertThat(seats.get("B3").path("row").asText()).isEqualTo("B");
        assertThat(seats.get("B3").path("number").asInt()).isEqualTo(3);
        assertThat(seats.get("B3").path("x").asInt()).isEqualTo(3);
        assertThat(seats.get("B3").path("y").asInt()).isEqualTo(1);
    }

    @Test
    void withinTheChainsFreshnessTheCachedAnswerIsServed() {
        api.get("/api/v1/shows/aurora:102/seats");
        aurora.answers(Set.of(), Set.of(), Cinemas.NOW.plusSeconds(3));
        clock.advance(Duration.ofSeconds(3));

        JsonNode map = api.get("/api/v1/shows/aurora:102/seats").json();

        assertThat(aurora.reads()).isEqualTo(1);
        assertThat(map.path("seatsAvailable").asInt()).isEqualTo(3);
        assertThat(map.path("ageSeconds").asLong()).isEqualTo(3);
        assertThat(map.path("stale").asBoolean()).isFalse();
    }

    @Test
    void afterTheFreshnessTheChainIsAskedAgain() {
        api.get("/api/v1/shows/aurora:201/seats");
        clock.advance(Duration.ofSeconds(6));
        aurora.answers(Set.of(), Set.of(), clock.instant());

        JsonNode map = api.get("/api/v1/shows/aurora:201/seats").json();

        assertThat(aurora.reads()).isEqualTo(2);
        assertThat(map.path("seatsAvailable").asInt()).isEqualTo(6);
    }

    @Test
    void whenTheChainFailsTheLastAnswerIsServedStaleWithItsAge() {
        api.get("/api/v1/shows/aurora:202/seats");
        clock.advance(Duration.ofSeconds(90));
        aurora.goDown();

        Answer answer = api.get("/api/v1/shows/aurora:202/seats");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("stale").asBoolean()).isTrue();
        assertThat(answer.json().path("ageSeconds").asLong()).isEqualTo(90);
        assertThat(answer.json().path("availabilityReadAt").asText()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(seatsById(answer.json()).get("B1").path("status").asText()).isEqualTo("SOLD");
    }

    @Test
    void whenTheChainFailsWithNoEarlierAnswerItIsUnavailableWithRetryAfter() {
        aurora.goDown();

        Answer answer = api.get("/api/v1/shows/aurora:203/seats");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.retryAfter()).isEqualTo("7");
        assertThat(answer.json().path("type").asText()).isEqualTo("https://marquee.dev/problems/chain-unavailable");
    }

    @Test
    void forgettingAShowsAnswerMakesTheNextMapAskTheChain() {
        api.get("/api/v1/shows/aurora:104/seats");
        aurora.answers(Set.of("A1"), Set.of(), Cinemas.NOW);

        seatMaps.forget("aurora:104");
        JsonNode map = api.get("/api/v1/shows/aurora:104/seats").json();

        assertThat(aurora.reads()).isEqualTo(2);
        assertThat(seatsById(map).get("A1").path("status").asText()).isEqualTo("HELD");
    }

    @Test
    void aShowOfAChainThatIsNotConfiguredIsUnavailable() {
        Answer answer = api.get("/api/v1/shows/regal:701/seats");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.retryAfter()).isEqualTo("7");
    }

    @Test
    void anUnknownShowIsNotFound() {
        Answer answer = api.get("/api/v1/shows/aurora:0/seats");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.isProblem()).isTrue();
    }

    @Test
    void aSeatHeldThroughTheGatewayShowsHeldEvenBeforeTheCachedChainAnswerKnowsIt() {
        api.get("/api/v1/shows/aurora:103/seats");
        Hold hold = new Hold("hld_seatmap_overlay", "aurora:103", "aurora", "ov@example.org",
                List.of(new HeldSeat("A1", "A", 1, "standard", Money.of("9.50", "GBP"))), HoldStatus.HELD, "lock-1",
                Cinemas.NOW, Cinemas.NOW.plusSeconds(300), Cinemas.NOW.plusSeconds(330));
        assertThat(holds.recordWithin(hold, "no-token", 10, Cinemas.NOW)).isTrue();
        try {
            Map<String, JsonNode> seats = seatsById(api.get("/api/v1/shows/aurora:103/seats").json());

            assertThat(seats.get("A1").path("status").asText()).isEqualTo("HELD");
            assertThat(seats.get("B1").path("status").asText()).isEqualTo("SOLD");
        } finally {
            holds.end(hold.id(), HoldStatus.RELEASED, Cinemas.NOW);
        }
    }
}
