package dev.marquee.gateway.clients;

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
import dev.marquee.spi.Seat;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.MethodBasedRouteInfo;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * API clients: keys issued and revoked through the operator API, every write refused without a working key, browsing
 * open, and the key's client recorded as the booking's sales channel. Every exchange is checked against gateway-api.yaml.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiClientApiTest implements TestPropertyProvider {
    private static final String OPERATOR_KEY = "operator-key-of-the-clients-test";
    /** Writes that need no API key: the provider's signed webhook, the door's staff key, the operator's key. */
    private static final Set<String> OTHER_CREDENTIALS = Set.of("/api/v1/payments/webhook", "/api/v1/checkins",
            "/api/v1/operator/", "/api/v1/accounts", "/api/v1/sessions", "/api/v1/me");

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
    @Inject
    Router router;

    private ApiClient api;
    private List<Show> shows;
    private int nextShow;

    @Override
    public Map<String, String> getProperties() {
        chain = SandboxTheatre.builder().seed(31).size("small").chainName("Aurora Cinemas").start();
        return Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.bookings.sweep", "false",
                "marquee.operator.key", OPERATOR_KEY,
                "marquee.chains.aurora.adapter", "rest",
                "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                "marquee.payments.provider-url", chain.baseUrl().toString());
    }

    @BeforeAll
    void syncTheChain() {
        tables.clear();
        sync.sync(chains.chain("aurora").orElseThrow());
        api = new ApiClient(server.getURL());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(2));
        assertThat(shows).hasSizeGreaterThan(6);
    }

    @AfterAll
    void stopChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void anIssuedKeyHoldsAndChecksOutAndItsClientIsTheBookingsSalesChannel() throws Exception {
        JsonNode issued = issue("Popcorn Tickets app");
        String key = issued.path("apiKey").asText();
        ApiClient app = api.withKey(key);
        Show show = shows.get(nextShow++);

        ApiClient.Answer hold = hold(app, show);
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        ApiClient.Answer booking = app.call("POST", "/api/v1/holds/" + hold.json().path("holdId").asText() + "/checkout",
                Map.of("Authorization", "Bearer " + hold.json().path("token").asText()), null);

        assertThat(booking.status()).as(booking.body()).isEqualTo(201);
        assertThat(booking.json().path("salesChannel").asText()).isEqualTo(issued.path("clientId").asText());
        assertThat(salesChannelOf(booking.json().path("bookingId").asText())).isEqualTo(issued.path("clientId").asText());
        assertThat(keyHashesHoldingTheKey(key)).as("only the key's SHA-256 is kept").isZero();
    }

    @Test
    void aWriteWithoutAKeyIsAnswered401NamingTheHeaderAndDoesNothing() {
        Show show = shows.get(nextShow++);

        ApiClient.Answer refused = holdAsTheDocumentForbids(api.withoutKey(), show);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("type").asText()).endsWith("/api-key-required");
        assertThat(refused.invalidParamNames()).containsExactly("X-Api-Key");
        assertThat(refused.invalidParamReason("X-Api-Key")).isEqualTo("missing");
        assertThat(heldSeatsOf(show)).isZero();
    }

    @Test
    void anUnknownKeyIsAnswered401() {
        ApiClient.Answer refused = holdAsTheDocumentForbids(api.withKey("mqk_not-a-key-anyone-was-given"), shows.get(nextShow++));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.invalidParamReason("X-Api-Key")).isEqualTo("unknown or revoked");
    }

    @Test
    void aRevokedKeyIsRefusedFromThenOn() {
        JsonNode issued = issue("An app that misbehaved");
        ApiClient app = api.withKey(issued.path("apiKey").asText());
        assertThat(hold(app, shows.get(nextShow++)).status()).isEqualTo(201);

        ApiClient.Answer revoked = api.call("DELETE", "/api/v1/operator/clients/" + issued.path("clientId").asText(),
                operator(), null);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").asText()).isNotBlank();
        assertThat(revoked.json().has("apiKey")).as("a key is shown only when issued").isFalse();
        assertThat(hold(app, shows.get(nextShow++)).status()).isEqualTo(401);
    }

    @Test
    void anotherAppRepeatingAnIdempotencyKeyGets422NotTheHoldsKeptAnswer() {
        ApiClient app = api.withKey(issue("First app").path("apiKey").asText());
        Show show = shows.get(nextShow++);
        String body = HoldRequests.body(show.id(), List.of(aSeat(show)), "app@example.org");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        assertThat(app.call("POST", "/api/v1/holds", key, body).status()).isEqualTo(201);

        ApiClient.Answer other = api.withKey(issue("Second app").path("apiKey").asText()).call("POST", "/api/v1/holds", key, body);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(other.body()).doesNotContain("token");
    }

    @Test
    void keysAreIssuedAndListedOnlyWithTheOperatorKey() {
        assertThat(api.call("POST", "/api/v1/operator/clients", Map.of("Authorization", "Bearer not-the-operator-key"),
                "{\"name\":\"x\"}").status()).isEqualTo(401);
        assertThat(api.call("POST", "/api/v1/operator/clients", operator(), "{\"name\":\"\"}").invalidParamNames())
                .containsExactly("name");
        String clientId = issue("Listed app").path("clientId").asText();

        ApiClient.Answer list = api.call("GET", "/api/v1/operator/clients", operator(), null);

        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("clients").forEach(c -> {
            ids.add(c.path("clientId").asText());
            assertThat(c.has("apiKey")).isFalse();
        });
        assertThat(ids).contains(clientId, ApiClients.DEMO_CLIENT_ID);
    }

    @Test
    void browsingNeedsNoKey() {
        ApiClient anonymous = api.withoutKey();

        assertThat(anonymous.get("/api/v1/cities").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/shows/" + shows.getFirst().id() + "/seats").status()).isEqualTo(200);
    }

    /** The rule behind the door: a write route takes the ApiClient, so ApiKeyFilter checks its key before it runs. */
    @Test
    void everyWriteRouteButThoseOfOtherCredentialsTakesAnApiClient() {
        Set<String> unguarded = new java.util.TreeSet<>();
        Set<String> guarded = new java.util.TreeSet<>();
        router.uriRoutes().map(route -> (UriRouteInfo<?, ?>) route)
                .filter(route -> route.getUriMatchTemplate().toString().startsWith("/api/"))
                .filter(route -> route.getHttpMethod() != HttpMethod.GET && route.getHttpMethod() != HttpMethod.HEAD)
                .forEach(route -> {
                    String name = route.getHttpMethod() + " " + route.getUriMatchTemplate();
                    boolean other = OTHER_CREDENTIALS.stream().anyMatch(p -> route.getUriMatchTemplate().toString().startsWith(p));
                    boolean takesClient = route instanceof MethodBasedRouteInfo<?, ?> method && Arrays.stream(method.getTargetMethod().getArguments())
                            .map(Argument::getType).anyMatch(dev.marquee.gateway.clients.ApiClient.class::equals);
                    if (takesClient) {
                        guarded.add(name);
                    } else if (!other) {
                        unguarded.add(name);
                    }
                });

        assertThat(unguarded).isEmpty();
        assertThat(guarded).containsExactlyInAnyOrder("POST /api/v1/holds", "DELETE /api/v1/holds/{holdId}",
                "POST /api/v1/holds/{holdId}/checkout", "POST /api/v1/bookings/{bookingId}/cancel",
                "POST /api/v1/shows/{showId}/waitlist", "DELETE /api/v1/waitlist/{entryId}", "POST /api/v1/shows/{showId}/queue");
    }

    private JsonNode issue(String name) {
        ApiClient.Answer issued = api.call("POST", "/api/v1/operator/clients", operator(), "{\"name\":\"" + name + "\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().path("apiKey").asText()).startsWith("mqk_").hasSizeGreaterThan(40);
        return issued.json();
    }

    private static Map<String, String> operator() {
        return Map.of("Authorization", "Bearer " + OPERATOR_KEY);
    }

    private String aSeat(Show show) {
        return catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream()
                .filter(s -> s.category().equals("standard")).map(Seat::ref).findFirst().orElseThrow();
    }

    private ApiClient.Answer hold(ApiClient client, Show show) {
        String seat = aSeat(show);
        return client.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                HoldRequests.body(show.id(), List.of(seat), "app@example.org"));
    }

    /** A hold request the document does not allow (no key), sent unchecked; only the answer is checked against it. */
    private ApiClient.Answer holdAsTheDocumentForbids(ApiClient client, Show show) {
        String seat = aSeat(show);
        ApiClient.Answer answer = client.probe("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                "application/json", HoldRequests.body(show.id(), List.of(seat), "app@example.org").getBytes(StandardCharsets.UTF_8));
        api.judge("POST", "/api/v1/holds", answer);
        return answer;
    }

    private String salesChannelOf(String bookingId) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT sales_channel FROM bookings WHERE id = ?")) {
                select.setString(1, bookingId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private int keyHashesHoldingTheKey(String key) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM api_clients WHERE key_hash = ? OR name = ?")) {
                select.setString(1, key);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private int heldSeatsOf(Show show) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM holds WHERE show_id = ?")) {
                select.setString(1, show.id());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
