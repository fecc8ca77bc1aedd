package dev.marquee.gateway.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers of every handler's queue, kept subscribed. The client recovers consumers with their
 * connection, but one whose recovery failed stays gone: on a cluster, a classic queue cannot be declared or
 * consumed while its node is down, and a quorum queue may be between leaders for a moment. So a watch looks,
 * outside a recovery, for a consumer whose channel has closed, and declares its queue and subscribes it again.
 */
final class Subscriptions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

    /** Declares a handler's queues and bindings on a channel. */
    @FunctionalInterface
    interface Declaration {
        void declare(Channel channel, MessageHandler handler) throws IOException;
    }

    private final MessagingSettings settings;
    private final Declaration declaration;
    private final BiFunction<Channel, MessageHandler, Consumer> consumers;
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private volatile boolean recovering;
    private volatile boolean closed;
    private volatile Thread watch;
    private Channel setup;

    Subscriptions(MessagingSettings settings, Declaration declaration, BiFunction<Channel, MessageHandler, Consumer> consumers) {
        this.settings = settings;
        this.declaration = declaration;
        this.consumers = consumers;
    }

    /** One consumer of one handler, on a channel of its own. */
    private static final class Slot {
        final MessageHandler handler;
        volatile Channel channel;
        volatile boolean failing;

        Slot(MessageHandler handler) {
            this.handler = handler;
        }
    }

    /** Subscribes {@code consumer-threads} consumers per handler, then watches them on the connection {@code current} offers. */
    void subscribe(Connection connection, List<MessageHandler> handlers, Supplier<Optional<Connection>> current) {
        if (connection instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecoveryStarted(Recoverable r) {
                    recovering = true;
                }

                @Override
                public void handleRecovery(Recoverable r) {
                    recovering = false;
                }
            });
        }
        slots.clear(); // a connection whose declarations failed is dropped, and the next one subscribes afresh
        for (MessageHandler handler : handlers) {
            for (int i = 0; i < settings.consumerThreads(); i++) {
                Slot slot = new Slot(handler);
                try {
                    consume(connection, slot);
                } catch (IOException e) {
                    throw new IllegalStateException("could not consume " + handler.queue(), e);
                }
                slots.add(slot);
            }
            LOG.info("Consuming {} ({})", settings.queueName(handler.queue()), String.join(", ", handler.routingKeys()));
        }
        if (watch == null) {
            watch = Thread.ofPlatform().name("marquee-consumer-watch").daemon().start(() -> watch(current));
        }
    }

    private void consume(Connection connection, Slot slot) throws IOException {
        Channel channel = connection.createChannel();
        channel.basicQos(settings.prefetch());
        channel.basicConsume(settings.queueName(slot.handler.queue()), false, consumers.apply(channel, slot.handler));
        slot.channel = channel;
    }

    private void watch(Supplier<Optional<Connection>> current) {
        while (!closed) {
            try {
                Thread.sleep(WATCH_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Optional<Connection> connection = current.get().filter(Connection::isOpen);
            if (connection.isEmpty() || recovering) {
                continue;
            }
            for (Slot slot : slots) {
                Channel channel = slot.channel;
                if (channel == null || !channel.isOpen()) {
                    resubscribe(connection.get(), slot);
                }
            }
        }
    }

    private void resubscribe(Connection connection, Slot slot) {
        String queue = settings.queueName(slot.handler.queue());
        abort(slot.channel);
        slot.channel = null;
        try {
            // Declared on a channel that stays open: the client redeclares what was declared on it in later
            // recoveries, as it does for the first declarations.
            if (setup == null || !setup.isOpen()) {
                setup = connection.createChannel();
            }
            declaration.declare(setup, slot.handler);
            consume(connection, slot);
            LOG.info("Consuming {} again after its consumer was lost", queue);
            slot.failing = false;
        } catch (Exception e) {
            if (!slot.failing) {
                String reason = e.getCause() == null ? e.toString() : e.getCause().getMessage();
                LOG.warn("A consumer of {} is lost and cannot subscribe again yet ({}); trying every {}", queue, reason,
                        WATCH_INTERVAL);
            }
            slot.failing = true;
        }
    }

    /** Drops a channel for good, so that the client does not recover it and its consumer later as well. */
    private static void abort(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.abort();
        } catch (Exception e) {
            LOG.debug("Aborting a channel: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread w = watch;
        if (w != null) {
            w.interrupt();
        }
    }
}
