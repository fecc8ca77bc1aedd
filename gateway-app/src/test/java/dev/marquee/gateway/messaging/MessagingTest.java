package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.ConnectionFactory;
import dev.marquee.gateway.logging.RequestId;
import dev.marquee.gateway.testing.Broker;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.Quiet;
import dev.marquee.gateway.testing.RowCount;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

/** The outbox, the relay and the consumers against the real RabbitMQ. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingTest implements TestPropertyProvider {
    private static final Duration ASYNC = Duration.ofSeconds(20);
    private final Map<String, String> broker = Broker.onRabbitMq("messaging");

    @Inject
    Outbox outbox;
    @Inject
    OutboxStore store;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    ProbeHandlers.First first;
    @Inject
    ProbeHandlers.Second second;
    @Inject
    Messaging messaging;
    @Inject
    List<MessageHandler> handlers;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(broker);
        properties.put("marquee.test.messaging-probes", "true");
        properties.put("marquee.messaging.max-attempts", "3");
        properties.put("marquee.sync.enabled", "false");
        return properties;
    }

    @AfterAll
    void deleteQueues() {
        Broker.cleanUp(broker, handlers);
    }

    @Test
    void aMessageWrittenInACommittedTransactionReachesEveryHandlerBoundToItsKey() {
        String id = publish("probe.created");

        Eventually.await("both handlers got " + id, ASYNC, () -> first.of(id).size() + second.of(id).size(), n -> n == 2);
        assertThat(first.of(id).getFirst().attempt()).isEqualTo(1);
        assertThat(first.of(id).getFirst().routingKey()).isEqualTo("probe.created");
        assertThat(first.of(id).getFirst().payload()).isEqualTo("{\"id\":\"" + id + "\"}");
    }

    @Test
    void aMessageOfARolledBackTransactionIsNeverPublished() throws Exception {
        String id = "msg-" + UUID.randomUUID();
        try {
            transactions.executeWrite(status -> {
                outbox.append(status.getConnection(), new OutboundMessage(id, "probe.rolled-back", "{}"));
                throw new IllegalStateException("the change fails after the message was written");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        String after = publish("probe.after");

        Eventually.await("the next message handled", ASYNC, () -> first.of(after).size(), n -> n == 1);
        assertThat(first.of(id)).isEmpty();
    }

    @Test
    void aRetryComesBackLaterToTheHandlerThatAskedForItOnly() {
        String id = "msg-" + UUID.randomUUID();
        first.script.put(id, d -> d.attempt() == 1 ? new Handling.RetryLater(Duration.ofMillis(300), "chain down") : Handling.done());

        publish(id, "probe.retried");

        Eventually.await("the second attempt", ASYNC, () -> first.of(id).size(), n -> n == 2);
        assertThat(first.of(id)).extracting(Delivery::attempt).containsExactly(1, 2);
        assertThat(second.of(id)).as("the other handler got it once").hasSize(1);
    }

    @Test
    void aMessageSentForARequestCarriesItsIdToEveryHandlerAndIntoItsRetries() {
        String id = "msg-" + UUID.randomUUID();
        String requestId = "req-" + id.substring(4, 12);
        first.script.put(id, d -> d.attempt() == 1 ? new Handling.RetryLater(Duration.ofMillis(300), "chain down") : Handling.done());

        MDC.put(RequestId.MDC_KEY, requestId);
        try {
            publish(id, "probe.traced");
        } finally {
            MDC.remove(RequestId.MDC_KEY);
        }

        Eventually.await("the retry handled", ASYNC, () -> first.of(id).size() + second.of(id).size(), n -> n == 3);
        assertThat(first.requestIds.get(id)).as("the first delivery and the retry").containsExactly(requestId, requestId);
        assertThat(second.requestIds.get(id)).containsExactly(requestId);
    }

    @Test
    void aMessageOfTheGatewaysOwnWorkCarriesNoRequestId() {
        String id = publish("probe.untraced");

        Eventually.await("both handlers got " + id, ASYNC, () -> first.of(id).size() + second.of(id).size(), n -> n == 2);
        assertThat(first.requestIds.get(id)).containsExactly("none");
        assertThat(second.requestIds.get(id)).containsExactly("none");
    }

    @Test
    void aRejectedMessageAndOneThatKeepsFailingGoToTheDeadLetterQueueAndHealthShowsThem() {
        String rejected = "msg-" + UUID.randomUUID();
        String failing = "msg-" + UUID.randomUUID();
        first.script.put(rejected, d -> new Handling.Rejected("malformed"));
        first.script.put(failing, d -> {
            throw new IllegalStateException("always fails");
        });

        publish(rejected, "probe.bad");
        publish(failing, "probe.bad");

        Eventually.await("two dead letters", ASYNC, () -> messaging.deadLetters().getOrDefault(
                broker.get("marquee.messaging.queue-prefix") + "probe-first.dead", 0L), n -> n == 2);
        assertThat(first.of(failing)).extracting(Delivery::attempt).containsExactly(1, 2, 3);
        assertThat(first.of(rejected)).hasSize(1);
    }

    @Test
    void quietLastsUntilADelayedRetryHasBeenHandledAndAcknowledged() {
        String id = "msg-" + UUID.randomUUID();
        AtomicBoolean finished = new AtomicBoolean();
        first.script.put(id, d -> {
            if (d.attempt() == 1) {
                return new Handling.RetryLater(Duration.ofMillis(1500), "chain slow");
            }
            pause(Duration.ofMillis(1500));
            finished.set(true);
            return Handling.done();
        });
        publish(id, "probe.quiet");
        Eventually.await("the first attempt", ASYNC, () -> first.of(id).size(), n -> n >= 1);

        // The control: nothing due in the outbox and nothing ready in the queues, which is all a wait for quiet
        // used to check, while the retry waits in the outbox and then while it is being handled.
        Eventually.await("nothing due or queued", ASYNC, () -> store.backlog().due() + queued(), n -> n == 0);
        boolean finishedWhenNothingWasDueOrQueued = finished.get();
        // Other tests of this class leave rows of their own in the outbox; this one counts its message's rows.
        Quiet.await(ASYNC, () -> new Quiet.Work(outboxRows(id), queued(), messaging.deliveriesInProgress()));

        assertThat(finishedWhenNothingWasDueOrQueued).as("control: due rows and ready messages alone").isFalse();
        assertThat(finished).as("the retry handled before all is quiet").isTrue();
        assertThat(first.of(id)).extracting(Delivery::attempt).containsExactly(1, 2);
    }

    @Test
    void everyMessageIsHandledWhileTheBrokerDropsItsConnections() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(publish("probe.bulk"));
            if (i == 15) {
                closeAllConnections();
            }
        }
        Eventually.await("every message handled", Duration.ofSeconds(60),
                () -> ids.stream().filter(id -> first.of(id).isEmpty()).count(), missing -> missing == 0);
        Eventually.await("the outbox drained", ASYNC, () -> store.backlog().due(), n -> n == 0);
    }

    @Test
    void aMessageForAQueueTheBrokerDoesNotHaveWaitsInTheOutboxUntilTheQueueExists() throws Exception {
        String queue = broker.get("marquee.messaging.queue-prefix") + "lost-" + UUID.randomUUID();
        String id = "msg-" + UUID.randomUUID();

        store.appendDirected(new OutboundMessage(id, "probe.lost", "{}"), queue, 1, null, Instant.now());

        Eventually.await("refused as unroutable at least once", ASYNC, () -> refusedAtLeastOnce(id), refused -> refused);
        assertThat(outboxRows(id)).as("kept, not confirmed away").isEqualTo(1);
        try (var connection = rabbit(); var channel = connection.createChannel()) {
            channel.queueDeclare(queue, false, false, true, Map.of());
            Eventually.await("delivered once the queue exists", ASYNC, () -> outboxRows(id), n -> n == 0);
            var message = channel.basicGet(queue, true);
            assertThat(message).isNotNull();
            assertThat(message.getProps().getMessageId()).isEqualTo(id);
        }
    }

    @Test
    void aMessageTheBrokerRefusesDoesNotHoldUpTheOthers() throws Exception {
        String full = broker.get("marquee.messaging.queue-prefix") + "full-" + UUID.randomUUID();
        String refusedId = "msg-" + UUID.randomUUID();
        String nextId = "msg-" + UUID.randomUUID();
        try (var connection = rabbit(); var channel = connection.createChannel()) {
            channel.queueDeclare(full, false, false, true, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
            Instant now = Instant.now();
            store.appendDirected(new OutboundMessage(refusedId, "probe.refused", "{}"), full, 1, null, now);
            store.appendDirected(new OutboundMessage(nextId, "probe.next", "{}"), broker.get("marquee.messaging.queue-prefix")
                    + "probe-first", 1, null, now);

            Eventually.await("the message behind it published", Duration.ofSeconds(5), () -> outboxRows(nextId), n -> n == 0);
            Eventually.await("and handled", ASYNC, () -> first.of(nextId).size(), n -> n == 1);
            assertThat(outboxRows(refusedId)).as("the refused one waits in the outbox").isEqualTo(1);
            channel.queueDelete(full);
        } finally {
            deleteOutboxRows(refusedId);
        }
    }

    private boolean refusedAtLeastOnce(String messageId) {
        return RowCount.of(transactions, "SELECT COUNT(*) FROM outbox WHERE message_id = ? AND available_at > created_at", messageId) > 0;
    }

    private int outboxRows(String messageId) {
        return RowCount.of(transactions, "SELECT COUNT(*) FROM outbox WHERE message_id = ?", messageId);
    }

    private void deleteOutboxRows(String messageId) {
        transactions.executeWrite(status -> {
            try (var delete = status.getConnection().prepareStatement("DELETE FROM outbox WHERE message_id = ?")) {
                delete.setString(1, messageId);
                return delete.executeUpdate();
            }
        });
    }

    /** Messages ready in the probes' queues. */
    private long queued() {
        String prefix = broker.get("marquee.messaging.queue-prefix");
        try (var connection = rabbit(); var channel = connection.createChannel()) {
            return channel.queueDeclarePassive(prefix + first.queue()).getMessageCount()
                    + channel.queueDeclarePassive(prefix + second.queue()).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException("could not count the probes' messages", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static com.rabbitmq.client.Connection rabbit() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(Broker.URI);
        return factory.newConnection("messaging-test");
    }

    private String publish(String routingKey) {
        return publish("msg-" + UUID.randomUUID(), routingKey);
    }

    private String publish(String id, String routingKey) {
        transactions.executeWrite(status -> {
            outbox.append(status.getConnection(), new OutboundMessage(id, routingKey, "{\"id\":\"" + id + "\"}"));
            return null;
        });
        return id;
    }

    private static void closeAllConnections() throws Exception {
        Process process = new ProcessBuilder("rabbitmqctl", "close_all_connections", "test: dropped on purpose")
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
    }
}
