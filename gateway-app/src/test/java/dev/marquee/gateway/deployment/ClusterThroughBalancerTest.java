package dev.marquee.gateway.deployment;

import static dev.marquee.gateway.testing.BookingJourney.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.testing.ApiShows;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.BookingStack;
import dev.marquee.gateway.testing.GatewayProcess;
import dev.marquee.gateway.testing.Health;
import dev.marquee.gateway.testing.NginxBalancer;
import dev.marquee.gateway.testing.OwnDatabase;
import dev.marquee.gateway.testing.Quiet;
import dev.marquee.gateway.web.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateway instances on one PostgreSQL database and one RabbitMQ broker behind nginx, as {@code ./marquee
 * cluster} runs them: a customer's requests land on either instance, and whatever one instance did the other
 * shows, and limits are counted by both together. The payment provider's webhooks come in through the balancer too.
 */
@Execution(ExecutionMode.CONCURRENT) // its own processes, database, broker and ports: runs beside the others
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterThroughBalancerTest {
    private static final int WRITES_PER_KEY = 20;
    private static final List<String> QUEUES = List.of("booking-payments", "booking-email", "booking-refunds");

    private OwnDatabase database;
    private BookingStack stack;
    private GatewayProcess first;
    private GatewayProcess second;
    private NginxBalancer balancer;
    private ApiClient throughBalancer;
    private ApiClient onFirst;
    private ApiClient onSecond;

    @BeforeAll
    void start() {
        database = OwnDatabase.recreate("marquee_cluster_e2e");
        stack = BookingStack.start("vega", "Vega Cinemas", 61);
        Map<String, String> settings = new HashMap<>(stack.gatewayProperties());
        // The stack's gateway port is where the provider sends its webhooks: the balancer's here.
        settings.remove("micronaut.server.port");
        settings.put("marquee.sync.enabled", "true");
        settings.put("marquee.chains.vega.name", "Vega Cinemas");
        // Writes per key low enough to reach in a test; every request comes from this machine, so not per address.
        settings.put("marquee.limits.writes-per-key", Integer.toString(WRITES_PER_KEY));
        settings.put("marquee.limits.writes-per-address", "100000");
        settings.put("marquee.limits.trusted-proxies", "127.0.0.1");
        int firstPort = BookingJourney.freePort();
        int secondPort = BookingJourney.freePort();
        first = GatewayProcess.start(firstPort, settings, database.gatewayEnvironment(), "cluster-first");
        second = GatewayProcess.start(secondPort, settings, database.gatewayEnvironment(), "cluster-second");
        balancer = NginxBalancer.start(stack.gatewayPort(), List.of(firstPort, secondPort), "cluster");
        throughBalancer = new ApiClient(balancer.url());
        onFirst = new ApiClient(first.url());
        onSecond = new ApiClient(second.url());
    }

    @AfterAll
    void stop() {
        for (AutoCloseable running : new AutoCloseable[] {balancer, first, second}) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (stack != null) {
            stack.close();
            stack.deleteQueuesNamed(QUEUES);
        }
    }

    @Test
    void browsingThroughTheBalancerIsAnsweredByBothInstances() throws Exception {
        ApiShows.aShowOnSale(throughBalancer);
        Set<String> answeredBy = new HashSet<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> cities = http.send(HttpRequest.newBuilder(URI.create(balancer.url() + "/api/v1/cities")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cities.statusCode()).isEqualTo(200);
            assertThat(cities.body()).contains("\"cities\"");
            answeredBy.add(cities.headers().firstValue(NginxBalancer.UPSTREAM_HEADER).orElseThrow());
        }
        assertThat(answeredBy).containsExactlyInAnyOrder(first.url().getAuthority(), second.url().getAuthority());
    }

    @Test
    void aHoldPlacedThroughTheBalancerIsHeldOnEveryInstancesNextRead() {
        BookingJourney journey = new BookingJourney(throughBalancer, stack.smtp());
        String show = ApiShows.aShowOnSale(throughBalancer).path("id").asText();
        List<String> seats = ApiShows.freeSeats(throughBalancer, show, 2);

        journey.hold(show, seats, "grace@example.org");

        assertThat(statusesOf(onFirst, show, seats)).containsOnly("HELD");
        assertThat(statusesOf(onSecond, show, seats)).containsOnly("HELD");
    }

    @Test
    void aBookingPaidThroughTheBalancerIsConfirmedOnceAndEmailedOnce() {
        BookingJourney journey = new BookingJourney(throughBalancer, stack.smtp());
        String show = ApiShows.aShowOnSale(throughBalancer).path("id").asText();
        List<String> seats = ApiShows.freeSeats(throughBalancer, show, 2);
        JsonNode hold = journey.hold(show, seats, "hedy@example.org");
        JsonNode booking = journey.checkout(hold.path("holdId").asText(), hold.path("token").asText()).json();
        String bookingId = booking.path("bookingId").asText();
        String token = booking.path("token").asText();

        journey.payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");

        JsonNode confirmed = journey.awaitStatus(bookingId, token, "CONFIRMED");
        assertThat(confirmed.path("tickets")).hasSize(2);
        journey.awaitEmails("hedy@example.org", 1);
        Quiet.await(BookingJourney.ASYNC, () -> new Quiet.Work(database.count("SELECT COUNT(*) FROM outbox"),
                stack.messagesQueuedIn(QUEUES), 0));
        assertThat(journey.emailsTo("hedy@example.org")).hasSize(1);
        assertThat(database.count("SELECT COUNT(*) FROM tickets WHERE booking_id = '" + bookingId + "'")).isEqualTo(2);
        assertThat(statusesOf(onFirst, show, seats)).containsOnly("SOLD");
        assertThat(statusesOf(onSecond, show, seats)).containsOnly("SOLD");
    }

    @Test
    void aWaitlistOfferMadeOnOneInstanceReachesTheCustomerWaitingOnTheOther() {
        String show = ApiShows.aShowOnSale(throughBalancer).path("id").asText();
        Map.Entry<String, List<String>> category = smallestCategoryAvailable(onFirst, show);
        JsonNode blocker = new BookingJourney(onFirst, stack.smtp()).hold(show, category.getValue(), "blocker@example.org");
        ApiClient.Answer joined = onSecond.call("POST", "/api/v1/shows/" + show + "/waitlist", Map.of(),
                "{\"email\":\"ida@example.org\",\"seatCount\":1,\"category\":\"" + category.getKey() + "\"}");
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        JsonNode entry = joined.json();

        ApiClient.Answer released = onFirst.call("DELETE", "/api/v1/holds/" + blocker.path("holdId").asText(),
                bearer(blocker.path("token").asText()), null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);

        JsonNode offered = onSecond.call("GET", "/api/v1/waitlist/" + entry.path("entryId").asText() + "?waitSeconds=20",
                bearer(entry.path("token").asText()), null).json();
        assertThat(offered.path("status").asText()).isEqualTo("OFFERED");
        JsonNode offeredHold = throughBalancer.call("GET", "/api/v1/holds/" + offered.path("holdId").asText(),
                bearer(offered.path("holdToken").asText()), null).json();
        assertThat(offeredHold.path("seats")).hasSize(1);
        assertThat(offeredHold.path("seats").get(0).path("category").asText()).isEqualTo(category.getKey());
    }

    @Test
    void aKeysWritesAreCountedByBothInstancesTogether() throws Exception {
        ApiClient.Answer issued = throughBalancer.call("POST", "/api/v1/operator/clients",
                Map.of("Authorization", "Bearer " + Health.OPERATOR_KEY), "{\"name\":\"Cluster test app\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String key = issued.json().path("apiKey").asText();
        HttpClient http = HttpClient.newHttpClient();
        Set<String> admittedBy = new HashSet<>();
        int admitted = 0;
        HttpResponse<String> refused = null;
        long started = System.nanoTime();
        // Holds on a show that does not exist: an admitted write answers 404 and holds nothing.
        for (int i = 0; i < 2 * WRITES_PER_KEY && refused == null; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(balancer.url() + "/api/v1/holds"))
                    .header("Content-Type", "application/json").header("X-Api-Key", key).header("Idempotency-Key", "limits-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"showId\":\"vega:none\",\"seatIds\":[\"A1\"],"
                            + "\"email\":\"limits@example.org\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
                admitted++;
                admittedBy.add(answer.headers().firstValue(NginxBalancer.UPSTREAM_HEADER).orElseThrow());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(admittedBy).as("both instances took writes of the key").hasSize(2);
        assertThat(refused).as("refused once the key spent its writes on the two instances together").isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        // Counted per instance, each would have taken WRITES_PER_KEY; the bucket refills WRITES_PER_KEY a minute.
        assertThat(admitted).isBetween(WRITES_PER_KEY, WRITES_PER_KEY + (int) Math.ceil(seconds * WRITES_PER_KEY / 60.0) + 1);
    }

    /** The category with the fewest available seats and those seats: a whole category one hold can take. */
    private static Map.Entry<String, List<String>> smallestCategoryAvailable(ApiClient api, String show) {
        JsonNode seats = api.get("/api/v1/shows/" + show + "/seats").json().path("seats");
        Map<String, List<String>> byCategory = StreamSupport.stream(seats.spliterator(), false)
                .filter(seat -> seat.path("status").asText().equals("AVAILABLE"))
                .collect(Collectors.groupingBy(seat -> seat.path("category").asText(), TreeMap::new,
                        Collectors.mapping(seat -> seat.path("id").asText(), Collectors.toList())));
        Map.Entry<String, List<String>> smallest = byCategory.entrySet().stream()
                .min((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size())).orElseThrow();
        assertThat(smallest.getValue()).as("seats of " + smallest.getKey()).hasSizeBetween(1, 8);
        return smallest;
    }

    private static List<String> statusesOf(ApiClient api, String show, List<String> seatIds) {
        JsonNode seats = api.get("/api/v1/shows/" + show + "/seats").json().path("seats");
        return StreamSupport.stream(seats.spliterator(), false).filter(seat -> seatIds.contains(seat.path("id").asText()))
                .map(seat -> seat.path("status").asText()).toList();
    }
}
