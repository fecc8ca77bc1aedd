package dev.marquee.gateway.testing;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.messaging.MessagingSettings;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The real RabbitMQ on this machine, with queues of a test class's own so that classes never share messages. */
public final class Broker {
    public static final String URI = "amqp://guest:guest@127.0.0.1:5672";

    private Broker() {
    }

    /** Properties that point the gateway at RabbitMQ with a fresh prefix, which names its exchange and queues. */
    public static Map<String, String> onRabbitMq(String name) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return Map.of(
                "marquee.messaging.enabled", "true",
                "marquee.messaging.broker", "external",
                "marquee.messaging.uri", URI,
                "marquee.messaging.queue-prefix", "test." + unique + ".",
                "marquee.messaging.retry-backoff", "200ms",
                "marquee.messaging.retry-backoff-cap", "1s");
    }

    /** The same on the local three-node cluster of {@code bin/rabbit-cluster}, with queues of the given type. */
    public static Map<String, String> onRabbitCluster(String name, String queueType) {
        Map<String, String> properties = new HashMap<>(onRabbitMq(name));
        properties.put("marquee.messaging.addresses", RabbitCluster.ADDRESSES);
        properties.put("marquee.messaging.queue-type", queueType);
        return Map.copyOf(properties);
    }

    /** A connection to the broker these properties point at, on any of its addresses. */
    public static Connection connect(Map<String, String> properties) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(properties.getOrDefault("marquee.messaging.uri", URI));
        String addresses = properties.get("marquee.messaging.addresses");
        return addresses == null ? factory.newConnection() : factory.newConnection(Address.parseAddresses(addresses));
    }

    /** Deletes the queues and the exchange a test class declared. */
    public static void cleanUp(Map<String, String> properties, Collection<MessageHandler> handlers) {
        cleanUpQueues(properties, handlers.stream().map(MessageHandler::queue).toList());
    }

    /** Deletes the named handler queues (with their dead-letter queues) and the exchange. */
    public static void cleanUpQueues(Map<String, String> properties, Collection<String> queues) {
        String prefix = properties.get("marquee.messaging.queue-prefix");
        try {
            try (Connection connection = connect(properties); Channel channel = connection.createChannel()) {
                for (String queue : queues) {
                    channel.queueDelete(prefix + queue);
                    channel.queueDelete(prefix + queue + ".dead");
                }
                channel.exchangeDelete(prefix + properties.getOrDefault("marquee.messaging.exchange", MessagingSettings.DEFAULT_EXCHANGE));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not clean up the test queues", e);
        }
    }
}
