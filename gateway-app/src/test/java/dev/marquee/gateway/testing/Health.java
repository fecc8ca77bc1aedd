package dev.marquee.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.web.ApiClient;
import java.time.Duration;
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
     * test just did shows only from the next round on. Rounds are counted, not timed, since a test's clock may stand
     * still: the round after the next one began after this call.
     */
    public static JsonNode fresh(ApiClient api) {
        long now = withDetails(api).path("round").asLong();
        return Eventually.await("health round " + (now + 2), Duration.ofSeconds(30), () -> withDetails(api),
                health -> health.path("round").asLong() >= now + 2);
    }
}
