package dev.marquee.gateway.messaging;

import static dev.marquee.gateway.metrics.Scrape.label;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.metrics.Scrape;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.web.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A message its handler rejects lands in the dead-letter queue, and {@code /prometheus} counts it there. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterMetricsTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Outbox outbox;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    ProbeHandlers.First first;
    @Inject
    Messaging messaging;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "marquee.messaging.enabled", "true",
                "marquee.messaging.broker", "embedded",
                "marquee.messaging.embedded-port", Integer.toString(BookingJourney.freePort()),
                "marquee.test.messaging-probes", "true",
                "marquee.metrics.sample-every", "0s",
                "marquee.sync.enabled", "false");
    }

    @Test
    void aRejectedMessageIsCountedInItsDeadLetterQueue() {
        ApiClient api = new ApiClient(server.getURL());
        String deadLetters = messaging.deadLetterQueues().stream().filter(queue -> queue.endsWith("probe-first.dead")).findFirst()
                .orElseThrow();
        assertThat(Scrape.of(api).value("marquee_messaging_dead_letters", label("queue", deadLetters))).isZero();
        String id = "msg-" + UUID.randomUUID();
        first.script.put(id, delivery -> new Handling.Rejected("malformed on purpose"));

        transactions.executeWrite(status -> {
            // Rows other test classes left for queues of their own broker are not this broker's to publish.
            status.getConnection().createStatement().executeUpdate("DELETE FROM outbox");
            outbox.append(status.getConnection(), new OutboundMessage(id, "probe.dead", "{}"));
            return null;
        });

        Eventually.await("the rejected message counted in " + deadLetters, Duration.ofSeconds(20),
                () -> Scrape.of(api).value("marquee_messaging_dead_letters", label("queue", deadLetters)), count -> count == 1);
    }
}
