package dev.marquee.gateway.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.booking.testing.Race;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * The waiting room over HTTP against a running sandbox chain: the operator puts shows and on-sales in queue mode,
 * holds without an admission are refused 403, people join, are admitted by the admitter and hold with their
 * admission; a bot joining a thousand times has one place.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitingRoomApiTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR_KEY = "operator-key-of-the-test";
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

    private ApiClient api;
    private List<Show> shows;
    private int nextShow;

    @Override
    public Map<String, String> getProperties() {
        chain = SandboxTheatre.builder().seed(43).size("small").chainName("Aurora Cinemas").start();
        return Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.waitlist.serve", "false",
                "marquee.operator.key", OPERATOR_KEY,
                "marquee.waiting-room.admit-interval", "100ms",
                "marquee.chains.aurora.adapter", "rest",
                "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                "marquee.chains.aurora.seat-map-ttl", "0s");
    }

    @BeforeAll
    void syncTheChain() {
        tables.clear();
        sync.sync(chains.chain("aurora").orElseThrow());
        api = new ApiClient(server.getURL());
        shows = new ArrayList<>(HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(2)));
    }

    @AfterAll
    void stopChain() {
        tables.clear();
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void theOperatorApiTakesOnlyTheOperatorKey() {
        assertThat(api.call("GET", "/api/v1/operator/queues", Map.of(), null).status()).isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/operator/queues", Map.of("Authorization", "Bearer not-the-operator-key"), null).status())
                .isEqualTo(401);
        Show show = shows.get(nextShow++);
        assertThat(api.call("PUT", "/api/v1/operator/queues/shows/" + show.id(), Map.of("Authorization", "Bearer wrong"),
                "{\"admissionsPerMinute\":60,\"admissionValiditySeconds\":600}").status()).isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/operator/queues", operator(), null).status()).isEqualTo(200);
    }

    @Test
    void aShowInQueueModeRefusesHoldsWithoutAnAdmissionAndTakesThemWithOne() {
        Show show = shows.get(nextShow++);
        List<String> seats = seats(show, 4);
        String status = "/api/v1/shows/" + show.id() + "/queue";
        assertThat(api.call("GET", status, Map.of(), null).json().path("queueMode").asBoolean()).isFalse();
        JsonNode mode = queueMode(show, 600);
        assertThat(mode.path("scope").asText()).isEqualTo("show");
        assertThat(mode.path("automatic").asBoolean()).isFalse();
        JsonNode inQueueMode = api.call("GET", status, Map.of(), null).json();
        assertThat(inQueueMode.path("queueMode").asBoolean()).as("a page learns it before any hold").isTrue();
        assertThat(inQueueMode.path("admissionsPerMinute").asInt()).isEqualTo(600);

        ApiClient.Answer refused = hold(show, seats.subList(0, 2), "ada@example.org", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("type").asText()).isEqualTo("https://marquee.dev/problems/queue-admission-required");
        assertThat(refused.json().path("queue").asText()).isEqualTo("/api/v1/shows/" + show.id() + "/queue");
        assertThat(hold(show, seats.subList(0, 2), "ada@example.org", "made-up-admission").status()).isEqualTo(403);

        JsonNode place = join(show, "ada@example.org");
        assertThat(place.path("status").asText()).isEqualTo("WAITING");
        assertThat(place.path("position").asInt()).isEqualTo(1);
        JsonNode admitted = api.call("GET", placePath(show, place) + "?waitSeconds=10", bearer(place), null).json();
        assertThat(admitted.path("status").asText()).isEqualTo("ADMITTED");
        String admission = admitted.path("admissionToken").asText();

        ApiClient.Answer held = hold(show, seats.subList(0, 2), "ada@example.org", admission);
        assertThat(held.status()).isEqualTo(201);
        assertThat(hold(show, seats.subList(2, 3), "ada@example.org", admission).status()).as("a second hold, same admission")
                .isEqualTo(201);

        assertThat(api.call("DELETE", "/api/v1/operator/queues/shows/" + show.id(), operator(), null).status()).isEqualTo(204);
        assertThat(hold(show, seats.subList(3, 4), "grace@example.org", null).status()).as("open again").isEqualTo(201);
    }

    @Test
    void anAdmissionToOneShowDoesNotOpenAnother() {
        Show show = shows.get(nextShow++);
        Show other = shows.get(nextShow++);
        queueMode(show, 600);
        queueMode(other, 600);
        JsonNode place = join(show, "ada@example.org");
        String admission = api.call("GET", placePath(show, place) + "?waitSeconds=10", bearer(place), null).json()
                .path("admissionToken").asText();

        assertThat(hold(other, seats(other, 1), "ada@example.org", admission).status()).isEqualTo(403);
    }

    @Test
    void anOnSalePutsEveryShowOfTheMovieInQueueMode() {
        Show show = shows.get(nextShow++);
        List<Show> ofTheMovie = catalog.current().showsOf(show.movieId());
        assertThat(ofTheMovie).hasSizeGreaterThan(1);
        Show sibling = ofTheMovie.stream().filter(s -> !s.id().equals(show.id())).findFirst().orElseThrow();
        shows.remove(sibling); // someone joins its queue here: no later test may count on it being empty
        String path = "/api/v1/operator/queues/movies/" + show.movieId();

        JsonNode mode = api.call("PUT", path, operator(), "{\"admissionsPerMinute\":120,\"admissionValiditySeconds\":600}").json();
        assertThat(mode.path("scope").asText()).isEqualTo("movie");
        assertThat(api.call("GET", "/api/v1/operator/queues", operator(), null).json().path("modes"))
                .anySatisfy(m -> assertThat(m.path("id").asText()).isEqualTo(show.movieId()));
        assertThat(hold(sibling, seats(sibling, 1), "ada@example.org", null).status()).isEqualTo(403);
        assertThat(join(sibling, "ada@example.org").path("status").asText()).isEqualTo("WAITING");

        assertThat(api.call("DELETE", path, operator(), null).status()).isEqualTo(204);
        assertThat(api.call("DELETE", path, operator(), null).status()).as("no longer in queue mode").isEqualTo(404);
    }

    @Test
    void aBotJoiningAThousandTimesWithOneEmailGetsItsOnePlace() {
        Show show = shows.get(nextShow++);
        queueMode(show, 1);
        join(show, "someone-first@example.org");
        String path = "/api/v1/shows/" + show.id() + "/queue";

        List<ApiClient.Answer> answers = new ArrayList<>();
        for (int round = 0; round < 125; round++) {
            answers.addAll(Race.run(8, () -> api.send("POST", path, "application/json", "{\"email\":\"bot@example.org\"}")));
        }

        assertThat(answers).hasSize(1000);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(999);
        assertThat(answers.stream().map(a -> a.json().path("placeId").asText()).distinct()).hasSize(1);
        assertThat(answers).filteredOn(a -> a.json().has("token")).hasSize(1);
        assertThat(answers).allSatisfy(a -> assertThat(a.json().path("position").asInt()).isEqualTo(2));
        ApiClient.Answer again = api.call("POST", path, Map.of(), "{\"email\":\"BOT@example.org\"}");
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void aPlaceCanBeFollowedAsServerSentEventsUntilItIsAdmitted() throws Exception {
        Show show = shows.get(nextShow++);
        queueMode(show, 90);
        for (int i = 0; i < 3; i++) {
            join(show, "ahead" + i + "@example.org");
        }
        JsonNode place = join(show, "streamer@example.org");
        String path = placePath(show, place) + "/events";
        assertThat(api.call("GET", path, Map.of(), null).status()).isEqualTo(401);
        assertThat(api.call("GET", path, Map.of("Authorization", "Bearer not-the-token"), null).status()).isEqualTo(404);

        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Authorization", "Bearer " + place.path("token").asText()).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Iterator<String> lines = stream.body().iterator();

        List<JsonNode> events = new ArrayList<>();
        JsonNode event;
        do {
            event = nextEvent(lines);
            events.add(event);
        } while (event.path("status").asText().equals("WAITING"));

        assertThat(events.getFirst().path("position").asInt()).isBetween(2, 4);
        assertThat(events.getFirst().path("estimatedWaitSeconds").asInt()).isPositive();
        assertThat(events.getLast().path("status").asText()).isEqualTo("ADMITTED");
        assertThat(events.getLast().path("admissionToken").asText()).isNotBlank();
        assertThat(events).as("the position pushed as it moved").hasSizeGreaterThan(2);
        assertThat(within(Duration.ofSeconds(10), lines::hasNext)).as("the stream ends with the admission").isFalse();
    }

    @Test
    void badRequestsNameTheFieldAndAShowNotInQueueModeHasNoQueue() {
        Show show = shows.get(nextShow++);
        String modePath = "/api/v1/operator/queues/shows/" + show.id();
        assertThat(api.call("PUT", modePath, operator(), "{\"admissionsPerMinute\":0,\"admissionValiditySeconds\":600}")
                .invalidParamNames()).containsExactly("admissionsPerMinute");
        ApiClient.Answer wrongType = api.probe("PUT", modePath, operator(), "application/json",
                "{\"admissionsPerMinute\":60,\"admissionValiditySeconds\":\"10m\"}".getBytes(StandardCharsets.UTF_8));
        api.judge("PUT", modePath, wrongType);
        assertThat(wrongType.invalidParamNames()).containsExactly("admissionValiditySeconds");
        assertThat(api.call("PUT", "/api/v1/operator/queues/shows/aurora:nope", operator(),
                "{\"admissionsPerMinute\":60,\"admissionValiditySeconds\":600}").status()).isEqualTo(404);

        String joinPath = "/api/v1/shows/" + show.id() + "/queue";
        ApiClient.Answer notQueued = api.call("POST", joinPath, Map.of(), "{\"email\":\"ada@example.org\"}");
        assertThat(notQueued.status()).isEqualTo(409);
        assertThat(notQueued.json().path("type").asText()).isEqualTo("https://marquee.dev/problems/queue-not-active");
        queueMode(show, 60);
        assertThat(api.call("POST", joinPath, Map.of(), "{\"email\":\"not-an-email\"}").invalidParamNames()).containsExactly("email");
        assertThat(api.call("GET", joinPath + "/qp_nope?waitSeconds=61", Map.of("Authorization", "Bearer x"), null).invalidParamNames())
                .containsExactly("waitSeconds");
    }

    private JsonNode queueMode(Show show, int perMinute) {
        ApiClient.Answer answer = api.call("PUT", "/api/v1/operator/queues/shows/" + show.id(), operator(),
                "{\"admissionsPerMinute\":" + perMinute + ",\"admissionValiditySeconds\":600}");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    private JsonNode join(Show show, String email) {
        ApiClient.Answer answer = api.call("POST", "/api/v1/shows/" + show.id() + "/queue", Map.of(), "{\"email\":\"" + email + "\"}");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("token").asText()).isNotBlank();
        return answer.json();
    }

    private ApiClient.Answer hold(Show show, List<String> seats, String email, String admission) {
        Map<String, String> headers = new HashMap<>(Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        if (admission != null) {
            headers.put("Queue-Token", admission);
        }
        return api.call("POST", "/api/v1/holds", headers, HoldRequests.body(show.id(), seats, email));
    }

    private static String placePath(Show show, JsonNode place) {
        return "/api/v1/shows/" + show.id() + "/queue/" + place.path("placeId").asText();
    }

    private static Map<String, String> operator() {
        return Map.of("Authorization", "Bearer " + OPERATOR_KEY);
    }

    private static Map<String, String> bearer(JsonNode place) {
        return Map.of("Authorization", "Bearer " + place.path("token").asText());
    }

    private List<String> seats(Show show, int count) {
        return catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream()
                .filter(s -> s.category().equals("standard")).limit(count).map(Seat::ref).toList();
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
}
