package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Address;
import io.micronaut.context.exceptions.ConfigurationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagingSettingsTest {

    @Test
    void queuesAreClassicAndTheUriNamesTheOnlyNodeByDefault() {
        MessagingSettings settings = settings("external", null, null);

        assertThat(settings.queueType()).isEqualTo("classic");
        assertThat(settings.queueArguments()).isEmpty();
        assertThat(settings.brokerAddresses()).containsExactly(new Address("127.0.0.1", 5672));
    }

    @Test
    void quorumQueuesAreDeclaredWithTheirType() {
        assertThat(settings("external", null, "Quorum").queueArguments()).isEqualTo(Map.of("x-queue-type", "quorum"));
    }

    @Test
    void addressesNameTheNodesOfACluster() {
        MessagingSettings settings = settings("external", List.of("127.0.0.1:5681", " 127.0.0.1:5682 ", ""), null);

        assertThat(settings.brokerAddresses()).containsExactly(new Address("127.0.0.1", 5681), new Address("127.0.0.1", 5682));
    }

    @Test
    void anAddressWithoutAPortIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> settings("external", List.of("rabbit-1"), null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.messaging.addresses").hasMessageContaining("rabbit-1");
    }

    @Test
    void anUnknownQueueTypeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> settings("external", null, "mirrored")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.messaging.queue-type").hasMessageContaining("mirrored");
    }

    @Test
    void quorumQueuesNeedRabbitMq() {
        assertThatThrownBy(() -> settings("embedded", null, "quorum")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.messaging.broker 'external'");
    }

    private static MessagingSettings settings(String broker, List<String> addresses, String queueType) {
        return new MessagingSettings(true, broker, URI.create("amqp://guest:guest@127.0.0.1:5672"), addresses, queueType, null,
                null, null, null, null, null, null, null, null, null, null);
    }
}
