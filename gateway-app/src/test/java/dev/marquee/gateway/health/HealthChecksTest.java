package dev.marquee.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.web.ApiClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Health is checked in the background, on a schedule, and requests only read the last result. */
class HealthChecksTest {

    @Test
    void requestsServeTheLastRoundAndRunNoCheck() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("marquee.health.interval", "1h",
                "test.health.counting", "true", "marquee.sync.enabled", "false"), "test")) {
            HealthChecks checks = server.getApplicationContext().getBean(HealthChecks.class);
            CountingCheck counting = server.getApplicationContext().getBean(CountingCheck.class);
            ApiClient api = new ApiClient(server.getURL());
            Eventually.await("the round at the start", Duration.ofSeconds(30), checks::roundsRun, rounds -> rounds == 1);

            for (int i = 0; i < 50; i++) {
                assertThat(api.send("GET", List.of("/health", "/health/readiness", "/health/liveness").get(i % 3), null, null)
                        .status()).isEqualTo(200);
            }

            assertThat(checks.roundsRun()).isEqualTo(1);
            assertThat(counting.runs).hasValue(1);
        }
    }

    @Test
    void aCheckThatHangsIsDownAfterTheTimeoutAndIsNotStartedAgainWhileItHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        HealthCheck hanging = new HealthCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public boolean neededForReadiness() {
                return true;
            }

            @Override
            public Component check() throws Exception {
                started.incrementAndGet();
                release.await();
                return Component.up(Map.of());
            }
        };
        HealthChecks checks = new HealthChecks(List.of(hanging), Clock.systemUTC(), Duration.ofMillis(20), Duration.ofMillis(100));
        try {
            Eventually.await("three rounds", Duration.ofSeconds(10), checks::roundsRun, rounds -> rounds >= 3);

            assertThat(checks.current().ready()).isFalse();
            assertThat(checks.current().components().get("database").details().get("error").toString()).contains("no answer within");
            assertThat(started).as("still the first check, waited for again").hasValue(1);

            release.countDown();
            Eventually.await("ready once the check answers", Duration.ofSeconds(10), () -> checks.current().ready(), ready -> ready);
        } finally {
            checks.stop();
        }
    }

    @Test
    void nothingIsReadyBeforeTheFirstRound() {
        assertThat(HealthReport.notCheckedYet().ready()).isFalse();
    }
}
