package dev.marquee.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.web.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The gateway's health as its operator sees it: with details, which only the operator key opens. */
public final class Health {
    /** The operator key of the tests' gateways: application-test.yml's, and {@link GatewayProcess}'s. */
    public static final String OPERATOR_KEY = "operator-key-of-the-tests";

    private Health() {
    }

    /** {@code GET /health} with the operator key: the status and every component's details. */
    public static JsonNode withDetails(ApiClient api) {
        return api.send("GET", "/health", Map.of("Authorization", "Bearer " + OPERATOR_KEY)).json();
    }

    /**
     * The same from a round of checks that began after this call: health is checked in the background, so what a
     * test just did shows only from the next round on. The round after the first one that ended since now began after
     * that one ended.
     */
    public static JsonNode fresh(ApiClient api) {
        Instant now = Instant.now();
        Instant first = checkedAt(Eventually.await("a round of health checks ending after " + now, Duration.ofSeconds(30),
                () -> withDetails(api), health -> checkedAt(health).isAfter(now)));
        return Eventually.await("the round after " + first, Duration.ofSeconds(30), () -> withDetails(api),
                health -> checkedAt(health).isAfter(first));
    }

    private static Instant checkedAt(JsonNode health) {
        String checkedAt = health.path("checkedAt").asText("");
        return checkedAt.isEmpty() ? Instant.MIN : Instant.parse(checkedAt);
    }
}
