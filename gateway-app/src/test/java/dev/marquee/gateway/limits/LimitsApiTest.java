package dev.marquee.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Limits a client meets through the API, against a running sandbox chain: waitlist joins per email and show, queue
 * joins per API key and show, and the cap on one client's open long-polls. Every answer is checked against gateway-api.yaml.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsApiTest implements TestPropertyProvider {
    private static final String OPERATOR_KEY = "operator-key-of-the-limits-test";
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
    SingleStatements statements;

    private ApiClient api;
    private List<Show> shows;

    @Override
    public Map<String, String> getProperties() {
        chain = SandboxTheatre.builder().seed(37).size("small").chainName("Aurora Cinemas").start();
        return Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.waitlist.serve", "false",
                "marquee.limits.waitlist-joins-per-email", "2",
                "marquee.limits.streams-per-client", "1",
                "marquee.limits.queue-joins-per-client", "2",
                "marquee.operator.key", OPERATOR_KEY,
                "marquee.chains.aurora.adapter", "rest",
                "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString());
    }

    @BeforeAll
    void syncTheChain() {
        emptyTheBuckets();
        tables.clear();
        sync.sync(chains.chain("aurora").orElseThrow());
        api = new ApiClient(server.getURL());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(2));
    }

    @AfterAll
    void stopChain() {
        emptyTheBuckets();
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void oneEmailJoinsOneShowsWaitlistAtMostItsLimitAnHour() {
        String path = "/api/v1/shows/" + shows.get(0).id() + "/waitlist";
        assertThat(join(path, "eager@example.org").status()).isEqualTo(201);
        join(path, "eager@example.org");

        ApiClient.Answer refused = join(path, "eager@example.org");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("type").asText()).endsWith("/too-many-requests");
        assertThat(Integer.parseInt(refused.retryAfter())).as("an hour / 2, less what passed").isBetween(1700, 1800);
        assertThat(join(path, "patient@example.org").status()).as("another email").isEqualTo(201);
        assertThat(join("/api/v1/shows/" + shows.get(1).id() + "/waitlist", "eager@example.org").status()).as("another show")
                .isEqualTo(201);
    }

    @Test
    void aClientWithALongPollOpenIsRefusedASecondUntilTheFirstAnswers() throws Exception {
        JsonNode entry = join("/api/v1/shows/" + shows.get(2).id() + "/waitlist", "poller@example.org").json();
        String poll = "/api/v1/waitlist/" + entry.path("entryId").asText() + "?waitSeconds=";
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + entry.path("token").asText());
        CompletableFuture<ApiClient.Answer> first = CompletableFuture.supplyAsync(() -> api.call("GET", poll + "3", bearer, null));
        Thread.sleep(1000); // the first is waiting now

        ApiClient.Answer second = api.call("GET", poll + "1", bearer, null);

        assertThat(second.status()).isEqualTo(429);
        assertThat(second.retryAfter()).isEqualTo("5");
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(api.call("GET", poll + "1", bearer, null).status()).as("room again once the first answered").isEqualTo(200);
    }

    @Test
    void oneApiKeyTakesAtMostItsShareOfPlacesInAShowsQueue() {
        Show show = shows.get(3);
        assertThat(api.call("PUT", "/api/v1/operator/queues/shows/" + show.id(), Map.of("Authorization", "Bearer " + OPERATOR_KEY),
                "{\"admissionsPerMinute\":1,\"admissionValiditySeconds\":600}").status()).isEqualTo(200);
        String path = "/api/v1/shows/" + show.id() + "/queue";
        assertThat(api.call("POST", path, Map.of(), "{\"email\":\"one@example.org\"}").status()).isEqualTo(201);
        assertThat(api.call("POST", path, Map.of(), "{\"email\":\"two@example.org\"}").status()).isEqualTo(201);

        ApiClient.Answer refused = api.call("POST", path, Map.of(), "{\"email\":\"made-up-3@example.org\"}");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isNotBlank();
        assertThat(api.call("POST", "/api/v1/shows/" + shows.get(4).id() + "/queue", Map.of(), "{\"email\":\"one@example.org\"}")
                .status()).as("another show: not in queue mode, but not refused for this key's share").isEqualTo(409);
    }

    /** The buckets are shared and outlive a run: start from full ones, and leave none of this test's small ones. */
    private void emptyTheBuckets() {
        statements.write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM rate_limit_buckets")) {
                return delete.executeUpdate();
            }
        });
    }

    private ApiClient.Answer join(String path, String email) {
        return api.call("POST", path, Map.of(), "{\"email\":\"" + email + "\",\"seatCount\":2}");
    }
}
