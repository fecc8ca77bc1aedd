package dev.marquee.gateway.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.TestClock;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The per-client limit on hold requests ({@code marquee.holds.requests-per-minute}), counted per minute of the
 * gateway's clock before a request is looked at. The show asked for does not exist, so every admitted request
 * answers 404 and nothing is held.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoldRateLimitTest implements TestPropertyProvider {
    private static final int PER_MINUTE = 3;

    @Inject
    EmbeddedServer server;
    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.bookings.sweep", "false",
                "marquee.holds.requests-per-minute", Integer.toString(PER_MINUTE),
                "marquee.test.clock", "fixed");
    }

    @Test
    void aClientOverItsHoldRequestsPerMinuteAnswers429WithRetryAfterUntilTheNextMinute() {
        ApiClient api = new ApiClient(server.getURL());
        clock.set(Instant.parse("2026-03-10T12:00:15Z"));
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(hold(api).status()).as("request " + (i + 1) + " is admitted").isEqualTo(404);
        }

        ApiClient.Answer refused = hold(api);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("type").asText()).endsWith("/too-many-requests");
        assertThat(refused.retryAfter()).as("seconds to the next minute").isEqualTo("45");
        clock.set(Instant.parse("2026-03-10T12:01:00Z"));
        assertThat(hold(api).status()).as("admitted again in the next minute").isEqualTo(404);
    }

    private static ApiClient.Answer hold(ApiClient api) {
        return api.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                HoldRequests.body("nowhere:no-such-show", List.of("A1"), "scripted@example.org"));
    }
}
