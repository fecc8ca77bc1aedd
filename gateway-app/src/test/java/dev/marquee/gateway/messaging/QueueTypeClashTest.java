package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import dev.marquee.gateway.testing.Broker;
import dev.marquee.gateway.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A gateway set to quorum queues whose prefix names classic queues left by an earlier deployment: a queue's
 * type cannot change, so it does not connect, and says why and what to do instead of retrying forever.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueTypeClashTest implements TestPropertyProvider {
    private final Map<String, String> broker = Broker.onRabbitMq("clash");

    @Inject
    Messaging messaging;
    @Inject
    List<MessageHandler> handlers;

    @Override
    public Map<String, String> getProperties() {
        String prefix = broker.get("marquee.messaging.queue-prefix");
        try (var connection = Broker.connect(broker); Channel channel = connection.createChannel()) {
            channel.queueDeclare(prefix + "probe-first", true, false, false, Map.of());
        } catch (Exception e) {
            throw new IllegalStateException("could not declare the earlier deployment's classic queue", e);
        }
        Map<String, String> properties = new HashMap<>(broker);
        properties.put("marquee.messaging.queue-type", "quorum");
        properties.put("marquee.test.messaging-probes", "true");
        properties.put("marquee.sync.enabled", "false");
        return properties;
    }

    @AfterAll
    void deleteQueues() {
        Broker.cleanUp(broker, handlers);
    }

    @Test
    void aClassicQueueUnderTheQuorumSettingsStopsTheConnectionWithAMessageThatNamesItAndTheWayOut() {
        Map<String, Object> status = Eventually.await("the clash reported", Duration.ofSeconds(20), messaging::status,
                s -> s.containsKey("error"));
        assertThat(status.get("error").toString())
                .contains(broker.get("marquee.messaging.queue-prefix") + "probe-first")
                .contains("queue-type 'quorum'")
                .contains("marquee.messaging.queue-prefix");
        assertThat(messaging.connected()).isFalse();
    }
}
