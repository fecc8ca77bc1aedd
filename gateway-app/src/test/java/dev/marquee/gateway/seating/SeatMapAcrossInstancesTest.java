package dev.marquee.gateway.seating;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.spi.Seat;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateway instances on one database and one sandbox chain, each keeping its own seat maps in memory: a hold
 * placed or released on one shows in the very next read on the other, with nothing but the instances' notices to
 * tell it (the chain's answers are fresh for an hour, so no chain read ahead can bring the change). The control
 * pair runs with the notices off and shows the read going stale, so the test can tell.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeatMapAcrossInstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 10;

    private SandboxTheatre chain;
    private final List<EmbeddedServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private int nextShow;

    @BeforeAll
    void startChainAndGateways() {
        chain = SandboxTheatre.builder().seed(47).size("small").chainName("Aurora Cinemas").start();
        gateway(true, true);
    }

    @AfterAll
    void stopAll() {
        servers.forEach(server -> server.getApplicationContext().close());
        if (chain != null) {
            chain.close();
        }
    }

    private EmbeddedServer gateway(boolean notices, boolean syncs) {
        Map<String, Object> properties = Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.holds.max-seats-per-email", "1000",
                "marquee.seating.notices", Boolean.toString(notices),
                "marquee.chains.aurora.adapter", "rest",
                "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                "marquee.chains.aurora.seat-map-ttl", "1h");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        servers.add(server);
        CatalogSync sync = server.getApplicationContext().getBean(CatalogSync.class);
        if (syncs) {
            server.getApplicationContext().getBean(CatalogTables.class).clear();
            sync.sync(server.getApplicationContext().getBean(ChainRegistry.class).chain("aurora").orElseThrow());
        } else {
            sync.reload();
        }
        return server;
    }

    @Test
    void aHoldOnOneInstanceShowsHeldInTheNextReadOnTheOther() throws Exception {
        EmbeddedServer one = gateway(true, false);
        EmbeddedServer other = gateway(true, false);

        List<String> stale = holdOnOneAndReadOnTheOther(one, other);

        assertThat(stale).isEmpty();
    }

    @Test
    void withoutNoticesTheOtherInstanceServesItsOldMap() throws Exception {
        EmbeddedServer one = gateway(false, false);
        EmbeddedServer other = gateway(false, false);

        List<String> stale = holdOnOneAndReadOnTheOther(one, other);

        assertThat(stale).isNotEmpty();
    }

    /** Each round holds a seat on one instance, reads it on the other, releases it there and reads it on the first. */
    private List<String> holdOnOneAndReadOnTheOther(EmbeddedServer one, EmbeddedServer other) throws Exception {
        CatalogHolder catalog = one.getApplicationContext().getBean(CatalogHolder.class);
        Show show = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(2)).get(nextShow++);
        List<String> seats = catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream()
                .filter(s -> s.category().equals("standard")).map(Seat::ref).limit(ROUNDS).toList();
        read(one, show.id());
        read(other, show.id());
        List<String> stale = new ArrayList<>();
        for (String seat : seats) {
            HttpResponse<String> placed = hold(one, show.id(), seat);
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            if (!"HELD".equals(read(other, show.id()).get(seat))) {
                stale.add(seat + " not HELD on the other instance after its 201");
            }
            JsonNode hold = JSON.readTree(placed.body());
            HttpResponse<String> released = http.send(HttpRequest.newBuilder(URI.create(other.getURL() + "/api/v1/holds/"
                    + hold.path("holdId").asText())).header("Authorization", "Bearer " + hold.path("token").asText())
                    .header(ApiClient.API_KEY, ApiClient.TEST_KEY).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
            if (!"AVAILABLE".equals(read(one, show.id()).get(seat))) {
                stale.add(seat + " not AVAILABLE on the first instance after its release on the other");
            }
        }
        return stale;
    }

    private Map<String, String> read(EmbeddedServer server, String showId) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/shows/" + showId
                + "/seats")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, String> states = new HashMap<>();
        JSON.readTree(answer.body()).path("seats").forEach(s -> states.put(s.path("id").asText(), s.path("status").asText()));
        return states;
    }

    private HttpResponse<String> hold(EmbeddedServer server, String showId, String seat) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/holds"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .header(ApiClient.API_KEY, ApiClient.TEST_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(HoldRequests.body(showId, List.of(seat), "across@example.org")))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
