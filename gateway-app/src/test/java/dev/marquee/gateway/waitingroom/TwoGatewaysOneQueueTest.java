package dev.marquee.gateway.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateway instances (two application contexts on the shared test database, each with its own admitter) serve
 * one show's queue: people join through either, the operator sets the mode through either, and they are admitted
 * strictly in join order at the configured rate, each once, and hold seats through the other instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoGatewaysOneQueueTest {
    private static final String OPERATOR_KEY = "operator-key-of-two-gateways";
    private static final int PEOPLE = 200;
    private static final int PER_MINUTE = 600;

    private SandboxTheatre chain;
    private EmbeddedServer first;
    private EmbeddedServer second;

    @BeforeAll
    void startChainAndTwoGateways() {
        chain = SandboxTheatre.builder().seed(47).size("small").chainName("Aurora Cinemas").start();
        first = gateway(true);
        second = gateway(false);
    }

    private EmbeddedServer gateway(boolean syncs) {
        Map<String, Object> properties = Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.waitlist.serve", "false",
                "marquee.operator.key", OPERATOR_KEY,
                "marquee.waiting-room.admit-interval", "100ms",
                "marquee.waiting-room.backlog", "2s",
                "marquee.chains.aurora.adapter", "rest",
                "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                "marquee.chains.aurora.seat-map-ttl", "0s");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        if (syncs) {
            server.getApplicationContext().getBean(CatalogTables.class).clear();
            server.getApplicationContext().getBean(CatalogSync.class).sync(
                    server.getApplicationContext().getBean(ChainRegistry.class).chain("aurora").orElseThrow());
        } else {
            server.getApplicationContext().getBean(CatalogSync.class).reload();
        }
        return server;
    }

    @AfterAll
    void stopAll() {
        if (first != null) {
            first.getApplicationContext().getBean(CatalogTables.class).clear();
        }
        for (EmbeddedServer server : new EmbeddedServer[] {first, second}) {
            if (server != null) {
                server.getApplicationContext().close();
            }
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void twoInstancesAdmitOneQueueInJoinOrderAtTheConfiguredRate() {
        ApiClient[] api = {new ApiClient(first.getURL()), new ApiClient(second.getURL())};
        Show show = HoldRequests.showsOnSale(first.getApplicationContext().getBean(CatalogHolder.class).current(), Duration.ofHours(2))
                .getFirst();
        // One a minute while people join, so that the queue is full when the rate goes up.
        queueMode(api[0], show, 1);
        List<JsonNode> places = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            ApiClient.Answer joined = api[i % 2].call("POST", "/api/v1/shows/" + show.id() + "/queue", Map.of(),
                    "{\"email\":\"fan" + i + "@example.org\"}");
            assertThat(joined.status()).isEqualTo(201);
            places.add(joined.json());
        }

        queueMode(api[1], show, PER_MINUTE);
        Eventually.await("everyone admitted", Duration.ofSeconds(90), () -> admitted(show).size(), n -> n == PEOPLE);

        List<Instant> admittedInJoinOrder = admitted(show);
        for (int i = 1; i < PEOPLE; i++) {
            assertThat(admittedInJoinOrder.get(i)).as("admitted no earlier than whoever joined before").isAfterOrEqualTo(
                    admittedInJoinOrder.get(i - 1));
        }
        // The first round after the rate went up may admit what the backlog saved; the rate is measured after it.
        Instant firstRound = admittedInJoinOrder.getFirst();
        long afterFirstRound = admittedInJoinOrder.stream().filter(at -> at.isAfter(firstRound)).count();
        double minutes = Duration.between(firstRound, admittedInJoinOrder.getLast()).toMillis() / 60_000.0;
        assertThat(afterFirstRound / minutes).isCloseTo(PER_MINUTE, within(PER_MINUTE * 0.05));

        JsonNode last = places.getLast();
        JsonNode admitted = api[0].call("GET", "/api/v1/shows/" + show.id() + "/queue/" + last.path("placeId").asText(),
                Map.of("Authorization", "Bearer " + last.path("token").asText()), null).json();
        assertThat(admitted.path("status").asText()).isEqualTo("ADMITTED");
        ApiClient.Answer held = api[1].call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString(),
                "Queue-Token", admitted.path("admissionToken").asText()), HoldRequests.body(show.id(), List.of(aSeat(show)), "fan@example.org"));
        assertThat(held.status()).as("admitted through one instance, held through the other").isEqualTo(201);
    }

    private static void queueMode(ApiClient api, Show show, int perMinute) {
        assertThat(api.call("PUT", "/api/v1/operator/queues/shows/" + show.id(), Map.of("Authorization", "Bearer " + OPERATOR_KEY),
                "{\"admissionsPerMinute\":" + perMinute + ",\"admissionValiditySeconds\":600}").status()).isEqualTo(200);
    }

    private String aSeat(Show show) {
        return first.getApplicationContext().getBean(CatalogHolder.class).current().hall(show.hallId()).orElseThrow().layout().seats()
                .getFirst().ref();
    }

    /** When each admitted place of the show was admitted, in join order, read from the table. */
    private List<Instant> admitted(Show show) {
        return first.getApplicationContext().getBean(SingleStatements.class).read(c -> {
            List<Instant> at = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT admitted_at FROM queue_places WHERE show_id = ? AND status = 'ADMITTED' ORDER BY seq")) {
                select.setString(1, show.id());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        at.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                    }
                }
            }
            return at;
        });
    }
}
