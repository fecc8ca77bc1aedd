package dev.marquee.gateway.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.booking.waitlist.Waitlist;
import dev.marquee.contracts.sandbox.BoxOfficeSale;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.spi.Seat;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The waitlist against a running sandbox chain: join order, offers on freed seats, lapsed offers passing on. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitlistTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private SandboxTheatre chain;

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogSync sync;
    @Inject
    CatalogHolder catalog;
    @Inject
    ChainRegistry chains;
    @Inject
    CatalogTables tables;
    @Inject
    Waitlist waitlist;
    @Inject
    SingleStatements statements;

    private ApiClient api;
    private List<Show> shows;
    private int nextShow;

    @Override
    public Map<String, String> getProperties() {
        chain = SandboxTheatre.builder().seed(41).size("small").chainName("Aurora Cinemas").start();
        return Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.waitlist.serve", "false",
                "marquee.chains.aurora.adapter", "rest",
                "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                "marquee.chains.aurora.seat-map-ttl", "0s");
    }

    @BeforeAll
    void syncTheChain() {
        tables.clear();
        sync.sync(chains.chain("aurora").orElseThrow());
        api = new ApiClient(server.getURL());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(2));
    }

    @AfterAll
    void stopChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void entriesAreServedInJoinOrderAndOneThatDoesNotFitKeepsItsPlace() {
        Show show = shows.get(nextShow++);
        List<String> wheelchair = seats(show, "wheelchair");
        assertThat(wheelchair).isNotEmpty();
        JsonNode blocker = hold(show, wheelchair, "blocker@example.org");

        JsonNode tooBig = join(show, "big@example.org", wheelchair.size() + 1);
        JsonNode fits = join(show, "fits@example.org", wheelchair.size());
        JsonNode later = join(show, "later@example.org", 1);
        assertThat(List.of(tooBig, fits, later)).extracting(e -> e.path("position").asInt()).containsExactly(1, 2, 3);

        release(blocker.path("holdId").asText(), blocker.path("token").asText());

        JsonNode offered = awaitChange(fits);
        assertThat(offered.path("status").asText()).isEqualTo("OFFERED");
        JsonNode offeredHold = api.call("GET", "/api/v1/holds/" + offered.path("holdId").asText(),
                Map.of("Authorization", "Bearer " + offered.path("holdToken").asText()), null).json();
        assertThat(offeredHold.path("seats")).extracting(s -> s.path("id").asText()).containsExactlyInAnyOrderElementsOf(wheelchair);
        assertThat(read(tooBig).path("status").asText()).isEqualTo("WAITING");
        assertThat(read(tooBig).path("position").asInt()).isEqualTo(1);
        assertThat(read(later).path("status").asText()).isEqualTo("WAITING");

        // Declining the offer passes the seats on to the next entry they fit.
        release(offered.path("holdId").asText(), offered.path("holdToken").asText());

        assertThat(awaitChange(later).path("status").asText()).isEqualTo("OFFERED");
        assertThat(read(fits).path("status").asText()).isEqualTo("OFFER_LAPSED");
        assertThat(read(tooBig).path("status").asText()).isEqualTo("WAITING");
    }

    @Test
    void seatsFreedAtTheChainItselfAreOfferedWhenTheWaitlistsAreServed() {
        Show show = shows.get(nextShow++);
        List<String> wheelchair = seats(show, "wheelchair");
        BoxOfficeSale sale = chain.admin().sell(show.ref(), wheelchair);
        assertThat(sale).isInstanceOf(BoxOfficeSale.Sold.class);
        JsonNode entry = join(show, "patient@example.org", 1);

        chains.chain("aurora").orElseThrow().theatre().cancelBooking(((BoxOfficeSale.Sold) sale).bookingId());
        waitlist.serveAll();

        assertThat(read(entry).path("status").asText()).isEqualTo("OFFERED");
    }

    @Test
    void anEntryCanBeFollowedAsServerSentEventsUntilItIsOffered() throws Exception {
        Show show = shows.get(nextShow++);
        List<String> wheelchair = seats(show, "wheelchair");
        JsonNode blocker = hold(show, wheelchair, "blocker@example.org");
        JsonNode ahead = join(show, "ahead@example.org", wheelchair.size() + 1);
        JsonNode entry = join(show, "streamer@example.org", 1);
        String path = "/api/v1/waitlist/" + entry.path("entryId").asText() + "/events";
        assertThat(api.call("GET", path, Map.of(), null).status()).isEqualTo(401);
        assertThat(api.call("GET", path, Map.of("Authorization", "Bearer not-the-token"), null).status()).isEqualTo(404);

        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Authorization", "Bearer " + entry.path("token").asText()).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Iterator<String> lines = stream.body().iterator();

        JsonNode waiting = nextEvent(lines);
        assertThat(waiting.path("status").asText()).isEqualTo("WAITING");
        assertThat(waiting.path("position").asInt()).isEqualTo(2);

        api.call("DELETE", "/api/v1/waitlist/" + ahead.path("entryId").asText(), bearer(ahead), null);
        assertThat(nextEvent(lines).path("position").asInt()).as("moved up when the entry ahead left").isEqualTo(1);

        release(blocker.path("holdId").asText(), blocker.path("token").asText());
        JsonNode offered = nextEvent(lines);
        assertThat(offered.path("status").asText()).isEqualTo("OFFERED");
        assertThat(offered.path("holdId").asText()).isNotBlank();
        assertThat(offered.path("holdToken").asText()).isNotBlank();
        assertThat(within(Duration.ofSeconds(10), lines::hasNext)).as("the stream ends with the offer").isFalse();
    }

    /** Reads one server-sent event's data, waiting at most 15 s for it. */
    private static JsonNode nextEvent(Iterator<String> lines) throws Exception {
        String data = within(Duration.ofSeconds(15), () -> {
            StringBuilder payload = new StringBuilder();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty() && !payload.isEmpty()) {
                    return payload.toString();
                }
                if (line.startsWith("data:")) {
                    payload.append(line.substring(5).strip());
                }
            }
            throw new AssertionError("the stream ended before the next event");
        });
        return JSON.readTree(data);
    }

    private static <T> T within(Duration limit, Callable<T> read) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            return reader.submit(read).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void leavingTheQueueCancelsTheEntry() {
        Show show = shows.get(nextShow++);
        JsonNode entry = join(show, "leaver@example.org", 2);

        JsonNode left = api.call("DELETE", "/api/v1/waitlist/" + entry.path("entryId").asText(), bearer(entry), null).json();

        assertThat(left.path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void anEntryIsReadOnlyWithItsToken() {
        Show show = shows.get(nextShow++);
        JsonNode entry = join(show, "reader@example.org", 1);
        String path = "/api/v1/waitlist/" + entry.path("entryId").asText();

        assertThat(api.call("GET", path, Map.of(), null).status()).isEqualTo(401);
        assertThat(api.call("GET", path, Map.of("Authorization", "Bearer nope"), null).status()).isEqualTo(404);
        assertThat(api.call("GET", path, bearer(entry), null).status()).isEqualTo(200);
    }

    @Test
    void anEntryIsLeftOnlyWithItsToken() {
        Show show = shows.get(nextShow++);
        JsonNode entry = join(show, "stayer@example.org", 1);
        String path = "/api/v1/waitlist/" + entry.path("entryId").asText();

        assertThat(api.call("DELETE", path, Map.of(), null).status()).isEqualTo(401);
        assertThat(api.call("DELETE", path, Map.of("Authorization", "Bearer nope"), null).status()).isEqualTo(404);

        assertThat(api.call("GET", path, bearer(entry), null).json().path("status").asText()).as("still in the queue")
                .isEqualTo("WAITING");
    }

    @Test
    void badRequestsToJoinNameTheField() {
        Show show = shows.get(nextShow++);
        String path = "/api/v1/shows/" + show.id() + "/waitlist";

        assertThat(api.call("POST", path, Map.of(), "{\"email\":\"x\",\"seatCount\":1}").invalidParamNames()).containsExactly("email");
        assertThat(api.call("POST", path, Map.of(), "{\"email\":\"a@example.org\",\"seatCount\":0}").invalidParamNames())
                .containsExactly("seatCount");
        assertThat(api.call("POST", path, Map.of(), "{\"email\":\"a@example.org\",\"seatCount\":1,\"category\":\"royal-box\"}")
                .invalidParamNames()).containsExactly("category");
        assertThat(api.call("POST", "/api/v1/shows/aurora:nope/waitlist", Map.of(), "{\"email\":\"a@example.org\",\"seatCount\":1}")
                .status()).isEqualTo(404);
    }

    @Test
    void anOfferedHoldsTokenIsKeptSealed() {
        Show show = shows.get(nextShow++);
        List<String> wheelchair = seats(show, "wheelchair");
        JsonNode blocker = hold(show, wheelchair, "sealed-blocker@example.org");
        JsonNode entry = join(show, "sealed@example.org", wheelchair.size());

        release(blocker.path("holdId").asText(), blocker.path("token").asText());

        JsonNode offered = awaitChange(entry);
        String token = offered.path("holdToken").asText();
        assertThat(token).isNotBlank();
        String kept = statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT hold_token FROM waitlist_entries WHERE id = ?")) {
                select.setString(1, entry.path("entryId").asText());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(kept).startsWith("v1:").doesNotContain(token);
        assertThat(api.call("GET", "/api/v1/holds/" + offered.path("holdId").asText(), Map.of("Authorization", "Bearer " + token),
                null).status()).isEqualTo(200);
    }

    private JsonNode join(Show show, String email, int seatCount) {
        ApiClient.Answer answer = api.call("POST", "/api/v1/shows/" + show.id() + "/waitlist", Map.of(),
                "{\"email\":\"" + email + "\",\"seatCount\":" + seatCount + ",\"category\":\"wheelchair\"}");
        assertThat(answer.status()).isEqualTo(201);
        return answer.json();
    }

    private JsonNode read(JsonNode entry) {
        return api.call("GET", "/api/v1/waitlist/" + entry.path("entryId").asText(), bearer(entry), null).json();
    }

    /** Long-polls the entry until it is no longer waiting (at most 10 s). */
    private JsonNode awaitChange(JsonNode entry) {
        return api.call("GET", "/api/v1/waitlist/" + entry.path("entryId").asText() + "?waitSeconds=10", bearer(entry), null).json();
    }

    private static Map<String, String> bearer(JsonNode entry) {
        return Map.of("Authorization", "Bearer " + entry.path("token").asText());
    }

    private JsonNode hold(Show show, List<String> seats, String email) {
        String body = HoldRequests.body(show.id(), seats, email);
        ApiClient.Answer answer = api.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()), body);
        assertThat(answer.status()).isEqualTo(201);
        return answer.json();
    }

    private void release(String holdId, String token) {
        assertThat(api.call("DELETE", "/api/v1/holds/" + holdId, Map.of("Authorization", "Bearer " + token), null).status())
                .isEqualTo(200);
    }

    private List<String> seats(Show show, String category) {
        return catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream()
                .filter(s -> s.category().equals(category)).map(Seat::ref).toList();
    }
}
