package dev.marquee.gateway.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.marquee.gateway.logging.RequestId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The gateway's asynchronous work over AMQP 0-9-1: relays the outbox to the broker with publisher
 * confirms (a row is deleted only after the broker confirmed it), and runs every {@link MessageHandler}
 * on a durable queue of its own with manual acknowledgements. A handler's retry goes back through the
 * outbox to its own queue with a delay; a message that keeps failing, or that a handler rejects, goes to
 * that queue's dead-letter queue. Both are done by this code rather than by broker arguments, so they
 * work alike on RabbitMQ and on the embedded broker.
 */
@Context
@Requires(property = "marquee.messaging.enabled", notEquals = "false")
public class Messaging {
    private static final Logger LOG = LoggerFactory.getLogger(Messaging.class);
    static final String ATTEMPT = "x-attempt";
    static final String ROUTING_KEY = "x-routing-key";
    static final String NOTE = "x-note";
    /** The request a message was sent for; its handler runs with it in the MDC, so its log lines carry it. */
    static final String REQUEST_ID = "x-request-id";

    private final MessagingSettings settings;
    private final OutboxStore outbox;
    private final List<MessageHandler> handlers;
    private final Clock clock;
    private final EmbeddedBroker embedded;
    private final Subscriptions subscriptions;
    private final BrokerConnection broker;
    private final OutboxRelay relay;
    private final AtomicInteger inProgress = new AtomicInteger();

    public Messaging(MessagingSettings settings, OutboxStore outbox, List<MessageHandler> handlers, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.handlers = List.copyOf(handlers);
        this.clock = clock;
        this.embedded = settings.embedded() ? EmbeddedBroker.start(settings.embeddedPort(), settings.embeddedStoreFolder()) : null;
        // Each handler gets consumer-threads channels, and every channel a thread, so that one slow handler
        // (a chain that times out) cannot hold up another (the emails).
        this.subscriptions = new Subscriptions(settings, this::declare, HandlerConsumer::new);
        this.broker = new BrokerConnection(embedded == null ? settings.uri() : embedded.uri(),
                embedded == null ? settings.brokerAddresses() : List.of(),
                settings.consumerThreads() * Math.max(1, handlers.size()),
                this::declareAndConsume);
        this.relay = OutboxRelay.start(settings, outbox, broker, clock);
    }

    // --- consumers ---

    private void declareAndConsume(Connection connection) {
        // The client re-declares, after a reconnect, what was declared on a channel that is still open:
        // the setup channel stays open so that queues a restarted broker lost come back.
        // Every queue is durable, shared and kept, with per-consumer prefetch and no priorities or TTLs, so the
        // same declarations suit classic and quorum queues; only the type argument differs.
        try {
            Channel setup = connection.createChannel();
            setup.exchangeDeclare(settings.exchangeName(), BuiltinExchangeType.TOPIC, true);
            for (MessageHandler handler : handlers) {
                declare(setup, handler);
            }
        } catch (BrokerConnection.Misconfigured e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not declare the message queues", e);
        }
        subscriptions.subscribe(connection, handlers, () -> broker.current());
    }

    /** A handler's queue with its bindings, and its dead-letter queue. */
    private void declare(Channel setup, MessageHandler handler) throws IOException {
        String queue = settings.queueName(handler.queue());
        declareQueue(setup, queue);
        declareQueue(setup, settings.deadLetterQueueName(handler.queue()));
        for (String key : handler.routingKeys()) {
            setup.queueBind(queue, settings.exchangeName(), key);
        }
    }

    private void declareQueue(Channel setup, String queue) throws IOException {
        try {
            setup.queueDeclare(queue, true, false, false, settings.queueArguments());
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Channel.Close close
                    && close.getReplyCode() == AMQP.PRECONDITION_FAILED) {
                throw new BrokerConnection.Misconfigured("queue " + queue + " exists at the broker with other arguments than "
                        + "marquee.messaging.queue-type '" + settings.queueType() + "' declares (" + close.getReplyText()
                        + "). A queue's type cannot change: give the gateway a new marquee.messaging.queue-prefix, and "
                        + "drain the old queues with a gateway on the old settings before deleting them", e);
            }
            throw e;
        }
    }

    private final class HandlerConsumer extends DefaultConsumer {
        private final MessageHandler handler;

        HandlerConsumer(Channel channel, MessageHandler handler) {
            super(channel);
            this.handler = handler;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
            inProgress.incrementAndGet();
            Object requestId = properties.getHeaders() == null ? null : properties.getHeaders().get(REQUEST_ID);
            // Also in what the handler sends on: its own messages, a retry, a call to the chain.
            if (requestId != null && RequestId.acceptable(requestId.toString())) {
                MDC.put(RequestId.MDC_KEY, requestId.toString());
            }
            try {
                handleAndSettle(envelope, properties, body);
            } finally {
                MDC.remove(RequestId.MDC_KEY);
                inProgress.decrementAndGet();
            }
        }

        private void handleAndSettle(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
            Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
            int attempt = headers.get(ATTEMPT) instanceof Number n ? n.intValue() : 1;
            String routingKey = headers.get(ROUTING_KEY) == null ? envelope.getRoutingKey() : headers.get(ROUTING_KEY).toString();
            String messageId = properties.getMessageId() == null ? "unknown-" + envelope.getDeliveryTag() : properties.getMessageId();
            Delivery delivery = new Delivery(messageId, routingKey, new String(body, StandardCharsets.UTF_8), attempt);
            Handling handling;
            try {
                handling = handler.handle(delivery);
            } catch (RuntimeException e) {
                LOG.warn("Handler {} failed on message {} (attempt {})", handler.queue(), messageId, attempt, e);
                handling = new Handling.RetryLater(Duration.ZERO, e.toString());
            }
            try {
                settle(handler, delivery, handling);
            } catch (RuntimeException e) {
                // The retry or dead letter could not be stored: give the message back to the broker instead.
                LOG.warn("Could not settle message {} of {}; handing it back to the broker", messageId, handler.queue(), e);
                pause(Duration.ofSeconds(1));
                settleAtBroker(() -> getChannel().basicNack(envelope.getDeliveryTag(), false, true), messageId);
                return;
            }
            settleAtBroker(() -> getChannel().basicAck(envelope.getDeliveryTag(), false), messageId);
        }

        /**
         * Acknowledges over a channel that may have gone with its node meanwhile. The broker then delivers the
         * message again (to this consumer once it is recovered, or to another), and the handler, which must be
         * safe to repeat, finds its work done.
         */
        private void settleAtBroker(BrokerCall call, String messageId) throws IOException {
            try {
                call.run();
            } catch (AlreadyClosedException e) {
                LOG.info("Message {} of {} was handled but its channel closed before the broker was told; it will be "
                        + "delivered again", messageId, handler.queue());
            }
        }
    }

    @FunctionalInterface
    private interface BrokerCall {
        void run() throws IOException;
    }

    private void settle(MessageHandler handler, Delivery delivery, Handling handling) {
        OutboundMessage message = new OutboundMessage(delivery.messageId(), delivery.routingKey(), delivery.payload());
        switch (handling) {
            case Handling.Done done -> {
            }
            case Handling.RetryLater retry when delivery.attempt() >= settings.maxAttempts() -> deadLetter(handler, delivery,
                    message, "gave up after " + delivery.attempt() + " attempts: " + retry.reason());
            case Handling.RetryLater retry -> {
                int next = delivery.attempt() + 1;
                Duration backoff = settings.backoffBefore(next);
                Duration delay = retry.after().compareTo(backoff) > 0 ? retry.after() : backoff;
                LOG.debug("Message {} of {} retried in {} (attempt {}): {}", delivery.messageId(), handler.queue(), delay, next,
                        retry.reason());
                outbox.appendDirected(message, settings.queueName(handler.queue()), next, retry.reason(),
                        clock.instant().plus(delay));
            }
            case Handling.Rejected rejected -> deadLetter(handler, delivery, message, rejected.reason());
        }
    }

    private void deadLetter(MessageHandler handler, Delivery delivery, OutboundMessage message, String reason) {
        LOG.warn("Message {} ({}) goes to the dead-letter queue of {}: {}", delivery.messageId(), delivery.routingKey(),
                handler.queue(), reason);
        outbox.appendDirected(message, settings.deadLetterQueueName(handler.queue()), delivery.attempt(), reason, clock.instant());
    }

    // --- health ---

    /** What health reports: the connection, the outbox backlog, the dead letters per queue. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("broker", embedded == null ? broker.describe() : "embedded " + broker.describe());
        status.put("connected", broker.isOpen());
        broker.connectedNode().ifPresent(node -> status.put("node", node));
        status.put("queueType", settings.queueType());
        broker.fault().ifPresent(fault -> status.put("error", fault));
        OutboxStore.Backlog backlog = outbox.backlog();
        status.put("outboxDue", backlog.due());
        status.put("outboxOldestSeconds", backlog.oldestAge().toSeconds());
        status.put("deliveriesInProgress", deliveriesInProgress());
        status.put("deadLetters", deadLetters());
        return status;
    }

    /**
     * Messages this instance's consumers have taken and not yet acknowledged or handed back: with the
     * outbox and the queues empty as well, no further work is under way.
     */
    public int deliveriesInProgress() {
        return inProgress.get();
    }

    public boolean connected() {
        return broker.isOpen();
    }

    /** The broker node this instance is connected to, {@code host:port}, while it is. */
    public Optional<String> connectedNode() {
        return broker.connectedNode();
    }

    /** Each handler's dead-letter queue, by name. */
    public List<String> deadLetterQueues() {
        return handlers.stream().map(handler -> settings.deadLetterQueueName(handler.queue())).toList();
    }

    /** Messages parked in each handler's dead-letter queue, when the broker can be asked. */
    public Map<String, Long> deadLetters() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Optional<Connection> connection = broker.current().filter(Connection::isOpen);
        if (connection.isEmpty()) {
            return counts;
        }
        for (MessageHandler handler : handlers) {
            String dead = settings.deadLetterQueueName(handler.queue());
            try (Channel channel = connection.get().createChannel()) {
                counts.put(dead, channel.queueDeclarePassive(dead).getMessageCount() + 0L);
            } catch (Exception e) {
                LOG.debug("Could not count {}: {}", dead, e.toString());
            }
        }
        return counts;
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        subscriptions.close();
        relay.stop();
        broker.close();
        if (embedded != null) {
            embedded.close();
        }
    }

}
