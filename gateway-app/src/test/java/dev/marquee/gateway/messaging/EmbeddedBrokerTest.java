package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.contracts.sandbox.FreePorts;
import dev.marquee.gateway.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The embedded default: the same outbox, relay and consumers over an in-process AMQP broker. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerTest implements TestPropertyProvider {
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
                "marquee.messaging.embedded-port", Integer.toString(FreePorts.pick()),
                "marquee.messaging.retry-backoff", "100ms",
                "marquee.test.messaging-probes", "true",
                "marquee.sync.enabled", "false");
    }

    @Test
    void messagesFlowFromTheOutboxToTheHandlersThroughTheEmbeddedBroker() {
        String id = "msg-" + UUID.randomUUID();
        first.script.put(id, d -> d.attempt() == 1 ? new Handling.RetryLater(Duration.ofMillis(100), "once more") : Handling.done());

        transactions.executeWrite(status -> {
            // Rows other test classes left for queues of their own broker are not this broker's to publish.
            status.getConnection().createStatement().executeUpdate("DELETE FROM outbox");
            outbox.append(status.getConnection(), new OutboundMessage(id, "probe.embedded", "{}"));
            return null;
        });

        Eventually.await("delivered twice", Duration.ofSeconds(20), () -> first.of(id).size(), n -> n == 2);
        assertThat(messaging.connected()).isTrue();
        assertThat(messaging.status()).containsEntry("connected", true);
    }

    @Test
    void aPortInUseStopsTheStartInsteadOfLeavingTheGatewayTalkingToSomeoneElsesBroker() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedBroker.start(taken.getLocalPort(), java.util.Optional.empty()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
        }
    }

}
