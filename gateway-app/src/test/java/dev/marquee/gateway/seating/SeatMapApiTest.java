package dev.marquee.gateway.seating;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.booking.holds.HeldSeat;
import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Cinemas;
import dev.marquee.gateway.catalog.TestCatalog;
import dev.marquee.gateway.seating.FakeSeatsFactory.FakeSeats;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.web.ApiClient.Answer;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.TestClock;
import dev.marquee.spi.Money;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
    @Inject
    SeatMapWatch watch;
    @Inject
    TransactionOperations<Connection> transactions;

    private final HttpClient http = HttpClient.newHttpClient();

    ApiClient api;
    FakeSeats aurora = FakeSeatsFactory.chain("aurora");

    @BeforeEach
    void setUp() {
        clock.set(Cinemas.NOW);
        TestCatalog catalog = Cinemas.standardCatalog();
        for (int show = 204; show <= 209; show++) {
            catalog.show("aurora:" + show, "interstellar-2014", "aurora:2", Cinemas.NOW.plus(Duration.ofDays(1)));
        }
        for (int show = 301; show <= 320; show++) {
            catalog.show("aurora:" + show, "interstellar-2014", "aurora:1", Cinemas.NOW.plus(Duration.ofDays(1)));
        }
        catalogs.replace(catalog.build());
        endHoldsOfEarlierRuns();
        aurora.reset();
        aurora.answers(Set.of("A2"), Set.of("B1", "B2"), Cinemas.NOW);
        api = new ApiClient(server.getURL());
    }

    /** The test clock stands still, so a hold an earlier run left behind would hold its seat in every later run. */
    private void endHoldsOfEarlierRuns() {
        transactions.executeWrite(status -> {
            try (Statement statement = status.getConnection().createStatement()) {
                // This test's own, and those that tests against a sandbox chain also named aurora (same show ids) left
                // held: with this test's clock in March 2026, a hold placed today would look held for months.
                return statement.executeUpdate("UPDATE holds SET status = 'RELEASED', held_by = NULL "
                        + "WHERE (id LIKE 'hld_seatmap_%' OR chain_id = 'aurora') AND status = 'HELD'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A GET with headers, its answer unchecked and its body as bytes (gzip stays compressed). */
    private HttpResponse<byte[]> raw(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        HttpResponse<byte[]> raw = raw("/api/v1/shows/aurora:102/seats", Map.of());

        assertThat(aurora.reads("102")).isEqualTo(1);
        assertThat(map.path("seatsAvailable").asInt()).isEqualTo(3);
        assertThat(map.path("ageSeconds").asLong()).as("its age when this version was made").isZero();
        assertThat(raw.headers().firstValue("Age")).as("its age now").hasValue("3");
        assertThat(map.path("stale").asBoolean()).isFalse();
    }

    @Test
    void afterTheFreshnessTheChainIsAskedAgainAheadOfTheReaders() {
        api.get("/api/v1/shows/aurora:201/seats");
        clock.advance(Duration.ofSeconds(6));
        aurora.answers(Set.of(), Set.of(), clock.instant());

        JsonNode map = Eventually.await("the chain's new answer served", Duration.ofSeconds(5),
                () -> api.get("/api/v1/shows/aurora:201/seats").json(), m -> m.path("seatsAvailable").asInt() == 6);

        assertThat(aurora.reads("201")).isEqualTo(2);
        assertThat(map.path("ageSeconds").asLong()).isZero();
    }

    @Test
    void aReaderNeverWaitsForTheChainOnceTheShowIsKept() {
        api.get("/api/v1/shows/aurora:204/seats");
        aurora.slowBy(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(6));

        long started = System.nanoTime();
        JsonNode map = api.get("/api/v1/shows/aurora:204/seats").json();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(map.path("seatsAvailable").asInt()).as("the kept answer").isEqualTo(3);
    }

    @Test
    void whenTheChainFailsTheLastAnswerIsServedStaleWithItsAge() {
        api.get("/api/v1/shows/aurora:202/seats");
        clock.advance(Duration.ofSeconds(90));
        aurora.goDown();

        Answer answer = Eventually.await("the last answer served stale", Duration.ofSeconds(5),
                () -> api.get("/api/v1/shows/aurora:202/seats"), a -> a.json().path("stale").asBoolean());

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

        assertThat(aurora.reads("104")).isEqualTo(2);
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
    void aSeatHeldThroughTheGatewayShowsHeldAtOnceEvenBeforeTheChainsAnswerKnowsIt() {
        api.get("/api/v1/shows/aurora:103/seats");
        Hold hold = holdOf("hld_seatmap_overlay", "aurora:103", "A1");
        assertThat(holds.recordWithin(hold, "no-token", 10, Cinemas.NOW)).isTrue();
        watch.seatsChanged("aurora:103");
        try {
            Map<String, JsonNode> seats = seatsById(api.get("/api/v1/shows/aurora:103/seats").json());

            assertThat(seats.get("A1").path("status").asText()).isEqualTo("HELD");
            assertThat(seats.get("B1").path("status").asText()).isEqualTo("SOLD");
        } finally {
            holds.end(hold.id(), HoldStatus.RELEASED, Cinemas.NOW);
        }
    }

    private Hold holdOf(String name, String showId, String seatId) {
        // Holds stay in the test database; each run's ids are its own.
        String id = name + "_" + Long.toHexString(System.nanoTime());
        return new Hold(id, showId, "aurora", name.replace("hld_", "") + "@example.org",
                List.of(new HeldSeat(seatId, seatId.substring(0, 1), 1, "standard", Money.of("9.50", "GBP"))), HoldStatus.HELD,
                "lock-" + id, Cinemas.NOW, Cinemas.NOW.plusSeconds(300), Cinemas.NOW.plusSeconds(330));
    }

    /** Records a hold as the booking rules do: stored, then the seat watch told. */
    private Hold placed(String id, String showId, String seatId) {
        Hold hold = holdOf(id, showId, seatId);
        assertThat(holds.recordWithin(hold, "no-token", 10, Cinemas.NOW)).isTrue();
        watch.seatsChanged(showId);
        return hold;
    }

    private void ended(Hold hold, HoldStatus status) {
        holds.end(hold.id(), status, clock.instant());
        watch.seatsChanged(hold.showId());
    }

    private String statusOf(String showId, String seatId) {
        return seatsById(api.get("/api/v1/shows/" + showId + "/seats").json()).get(seatId).path("status").asText();
    }

    @Test
    void theETagIsTheVersionAndAnUnchangedMapAnswers304WithoutABody() {
        HttpResponse<byte[]> first = raw("/api/v1/shows/aurora:301/seats", Map.of());
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = raw("/api/v1/shows/aurora:301/seats", Map.of("If-None-Match", etag));

        assertThat(etag).isEqualTo("\"" + api.get("/api/v1/shows/aurora:301/seats").json().path("version").asText() + "\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void aChangedSeatMakesANewVersionSoTheOldETagGetsTheWholeMap() {
        String etag = raw("/api/v1/shows/aurora:302/seats", Map.of()).headers().firstValue("ETag").orElseThrow();
        Hold hold = placed("hld_seatmap_etag", "aurora:302", "A1");
        try {
            HttpResponse<byte[]> after = raw("/api/v1/shows/aurora:302/seats", Map.of("If-None-Match", etag));

            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        } finally {
            ended(hold, HoldStatus.RELEASED);
        }
    }

    @Test
    void aClientThatAcceptsGzipGetsTheSameMapCompressed() throws IOException {
        HttpResponse<byte[]> plain = raw("/api/v1/shows/aurora:303/seats", Map.of());
        HttpResponse<byte[]> zipped = raw("/api/v1/shows/aurora:303/seats", Map.of("Accept-Encoding", "gzip"));

        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(zipped.headers().firstValue("Content-Length")).hasValue(Integer.toString(zipped.body().length));
        assertThat(plain.headers().firstValue("Content-Length")).hasValue(Integer.toString(plain.body().length));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
    }

    @Test
    void sinceAVersionOnlyTheSeatsChangedAreAnswered() {
        String version = api.get("/api/v1/shows/aurora:304/seats").json().path("version").asText();
        Hold hold = placed("hld_seatmap_since", "aurora:304", "A3");
        try {
            JsonNode changes = api.get("/api/v1/shows/aurora:304/seats?since=" + version).json();

            assertThat(changes.path("since").asText()).isEqualTo(version);
            assertThat(changes.path("version").asText()).isNotEqualTo(version);
            assertThat(changes.path("seats").isMissingNode()).isTrue();
            assertThat(changes.path("changes")).hasSize(1);
            assertThat(changes.path("changes").get(0).path("id").asText()).isEqualTo("A3");
            assertThat(changes.path("changes").get(0).path("status").asText()).isEqualTo("HELD");
            assertThat(changes.path("seatsAvailable").asInt()).isEqualTo(2);
            String now = changes.path("version").asText();
            assertThat(api.get("/api/v1/shows/aurora:304/seats?since=" + now).json().path("changes")).isEmpty();
        } finally {
            ended(hold, HoldStatus.RELEASED);
        }
    }

    @Test
    void sinceAVersionThisInstanceDoesNotKnowTheWholeMapIsAnswered() {
        api.get("/api/v1/shows/aurora:305/seats");

        JsonNode map = api.get("/api/v1/shows/aurora:305/seats?since=another-instance.7").json();

        assertThat(map.path("seats")).hasSize(6);
        assertThat(map.path("changes").isMissingNode()).isTrue();
    }

    @Test
    void theChangeStreamStartsWithEverySeatAndPushesAHoldsChangeWithItsVersion() throws Exception {
        api.get("/api/v1/shows/aurora:306/seats");
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/shows/aurora:306/seats/changes"))
                .header("Accept", "text/event-stream").build();
        var stream = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        Eventually.await("the first event", Duration.ofSeconds(5), () -> List.copyOf(lines),
                l -> l.stream().anyMatch(line -> line.startsWith("data:")));
        assertThat(lines).contains("event: seats");
        assertThat(lines.stream().filter(line -> line.startsWith("data:")).findFirst().orElseThrow())
                .contains("\"id\":\"A1\",\"status\":\"AVAILABLE\"").contains("\"id\":\"B1\",\"status\":\"SOLD\"");

        Hold hold = placed("hld_seatmap_stream", "aurora:306", "B3");
        try {
            List<String> seen = Eventually.await("the hold's change pushed", Duration.ofSeconds(5), () -> List.copyOf(lines),
                    l -> l.stream().filter(line -> line.startsWith("data:")).count() >= 2);
            String pushed = seen.stream().filter(line -> line.startsWith("data:")).skip(1).findFirst().orElseThrow();
            String version = api.get("/api/v1/shows/aurora:306/seats").json().path("version").asText();
            assertThat(pushed).contains("\"changes\":[{\"id\":\"B3\",\"status\":\"HELD\"}]")
                    .contains("\"version\":\"" + version + "\"");
            assertThat(seen).contains("id: " + version);
        } finally {
            stream.cancel(true);
            ended(hold, HoldStatus.RELEASED);
        }
    }

    @Test
    void changesToAShowNobodyReadsForAWhileMakeOneNewVersionAtItsNextRead() {
        JsonNode first = api.get("/api/v1/shows/aurora:311/seats").json();
        clock.set(Cinemas.NOW.plusSeconds(3)); // no read since: the changes wait for the next one
        String before = first.path("version").asText();
        List<String> free = seatsById(first).entrySet().stream()
                .filter(seat -> seat.getValue().path("status").asText().equals("AVAILABLE")).map(Map.Entry::getKey)
                .sorted().limit(4).toList();
        List<Hold> placed = new java.util.ArrayList<>();
        try {
            for (String seat : free) {
                placed.add(placed("hld_seatmap_between_" + seat, "aurora:311", seat));
            }
            JsonNode after = api.get("/api/v1/shows/aurora:311/seats").json();

            assertThat(versionNumber(after.path("version").asText())).isEqualTo(versionNumber(before) + 1);
            Map<String, JsonNode> seats = seatsById(after);
            assertThat(free).as("seats free to hold").hasSizeGreaterThan(1);
            for (String seat : free) {
                assertThat(seats.get(seat).path("status").asText()).as(seat).isEqualTo("HELD");
            }
        } finally {
            placed.forEach(hold -> ended(hold, HoldStatus.RELEASED));
        }
    }

    @Test
    void whileOthersKeepReadingAShowEachChangeShowsInTheFirstReadAfterIt() throws Exception {
        String show = "aurora:312";
        List<String> free = seatsById(api.get("/api/v1/shows/" + show + "/seats").json()).entrySet().stream()
                .filter(seat -> seat.getValue().path("status").asText().equals("AVAILABLE")).map(Map.Entry::getKey)
                .sorted().toList();
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> readers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) { // the show is being read: each change is laid over it by the request that made it
            readers.add(Thread.ofVirtual().start(() -> {
                while (reading.get()) {
                    raw("/api/v1/shows/" + show + "/seats", Map.of());
                    reads.incrementAndGet();
                }
            }));
        }
        try {
            for (int round = 0; round < 4; round++) {
                for (String seat : free) {
                    Hold hold = placed("hld_seatmap_busy_" + seat, show, seat);
                    assertThat(statusOf(show, seat)).as(seat + " after its hold").isEqualTo("HELD");
                    ended(hold, HoldStatus.RELEASED);
                    assertThat(statusOf(show, seat)).as(seat + " after its release").isEqualTo("AVAILABLE");
                }
            }
        } finally {
            reading.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
        }
        assertThat(free).as("seats free to hold").hasSizeGreaterThan(1);
        assertThat(reads.get()).as("reads alongside the changes").isGreaterThan(16);
    }

    private static long versionNumber(String version) {
        return Long.parseLong(version.substring(version.lastIndexOf('.') + 1));
    }

    @Test
    void aReleasedHoldsSeatsAreAvailableInTheNextRead() {
        api.get("/api/v1/shows/aurora:307/seats");
        Hold hold = placed("hld_seatmap_release", "aurora:307", "A1");
        assertThat(statusOf("aurora:307", "A1")).isEqualTo("HELD");

        ended(hold, HoldStatus.RELEASED);

        assertThat(statusOf("aurora:307", "A1")).isEqualTo("AVAILABLE");
    }

    @Test
    void anExpiredHoldsSeatsAreAvailableInTheNextRead() {
        api.get("/api/v1/shows/aurora:308/seats");
        Hold hold = placed("hld_seatmap_expiry", "aurora:308", "A3");
        clock.advance(Duration.ofSeconds(301));

        ended(hold, HoldStatus.EXPIRED);

        assertThat(statusOf("aurora:308", "A3")).isEqualTo("AVAILABLE");
    }

    @Test
    void aBookedHoldsSeatsReadSoldInTheNextReadBeforeTheChainIsAskedAgain() {
        api.get("/api/v1/shows/aurora:309/seats");
        Hold hold = placed("hld_seatmap_sale", "aurora:309", "A1");

        holds.booked(hold.id(), clock.instant());
        watch.seatsChanged("aurora:309");

        assertThat(statusOf("aurora:309", "A1")).isEqualTo("SOLD");
    }

    @Test
    void aSeatTheChainSoldStaysSoldWhateverTheGatewaysHoldsSay() {
        aurora.answers(Set.of(), Set.of("A1", "B1", "B2"), Cinemas.NOW);
        api.get("/api/v1/shows/aurora:310/seats");

        Hold hold = placed("hld_seatmap_sold", "aurora:310", "A1");
        try {
            assertThat(statusOf("aurora:310", "A1")).isEqualTo("SOLD");
        } finally {
            ended(hold, HoldStatus.RELEASED);
        }
        assertThat(statusOf("aurora:310", "A1")).isEqualTo("SOLD");
    }
}
