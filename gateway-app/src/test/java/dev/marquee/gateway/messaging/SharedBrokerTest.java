package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.testing.Broker;
import dev.marquee.gateway.testing.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two deployments on one RabbitMQ, configured alike but for their prefixes: this test's gateway (PostgreSQL) and a
 * second one started beside it (its own in-memory database). Each has one consumer thread per queue, so a queue's
 * messages are handled in the order they arrived: once a deployment handled a message of its own, a message of
 * the other one published before it would have been handled too.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedBrokerTest implements TestPropertyProvider {
    private static final Duration ASYNC = Duration.ofSeconds(20);
    private static final String SHARED_EXCHANGE = "shared-" + UUID.randomUUID().toString().substring(0, 8);

    private final Map<String, String> ours = deployment("shared-a");
    private final Map<String, String> theirs = deployment("shared-b");
    private ApplicationContext other;

    @Inject
    ApplicationContext context;
    @Inject
    List<MessageHandler> handlers;

    /** What the test uses of one deployment. */
    private record Deployment(Outbox outbox, TransactionOperations<Connection> transactions, ProbeHandlers.Probe first,
            ProbeHandlers.Probe second) {
        @SuppressWarnings("unchecked")
        static Deployment of(ApplicationContext context) {
            return new Deployment(context.getBean(Outbox.class), context.getBean(TransactionOperations.class),
                    context.getBean(ProbeHandlers.First.class), context.getBean(ProbeHandlers.Second.class));
        }

        /** Publishes a message through the outbox and waits until both handlers got it. */
        String publishAndAwait() {
            String id = "msg-" + UUID.randomUUID();
            transactions.executeWrite(status -> {
                outbox.append(status.getConnection(), new OutboundMessage(id, "probe.shared", "{\"id\":\"" + id + "\"}"));
                return null;
            });
            Eventually.await("both handlers got " + id, ASYNC, () -> first.of(id).size() + second.of(id).size(), n -> n == 2);
            return id;
        }

        List<String> idsReceived() {
            return Stream.concat(first.received.stream(), second.received.stream()).map(Delivery::messageId).toList();
        }
    }

    /** A deployment's messaging: a prefix of its own, everything else as every other deployment has it. */
    private static Map<String, String> deployment(String name) {
        Map<String, String> properties = new HashMap<>(Broker.onRabbitMq(name));
        properties.put("marquee.messaging.exchange", SHARED_EXCHANGE);
        properties.put("marquee.messaging.consumer-threads", "1");
        properties.put("marquee.test.messaging-probes", "true");
        properties.put("marquee.sync.enabled", "false");
        return properties;
    }

    @Override
    public Map<String, String> getProperties() {
        return ours;
    }

    @BeforeAll
    void startTheOtherDeployment() {
        Map<String, Object> properties = new HashMap<>(theirs);
        properties.put("datasources.default.url", "jdbc:h2:mem:shared-broker-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        properties.put("datasources.default.username", "sa");
        properties.put("datasources.default.password", "");
        other = ApplicationContext.run(properties, "test");
    }

    @AfterAll
    void stopTheOtherDeploymentAndDeleteQueues() {
        if (other != null) {
            other.close();
        }
        Broker.cleanUp(ours, handlers);
        Broker.cleanUp(theirs, handlers);
    }

    @Test
    void aMessagePublishedByOneDeploymentIsNotConsumedByAnotherWithItsOwnPrefix() {
        Deployment us = Deployment.of(context);
        Deployment them = Deployment.of(other);

        String ourFirst = us.publishAndAwait();
        String theirFirst = them.publishAndAwait();
        String ourLast = us.publishAndAwait();
        String theirLast = them.publishAndAwait();

        assertThat(us.idsReceived()).containsOnly(ourFirst, ourLast);
        assertThat(them.idsReceived()).containsOnly(theirFirst, theirLast);
    }
}
