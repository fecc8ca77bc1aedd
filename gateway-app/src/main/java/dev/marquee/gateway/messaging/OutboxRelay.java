package dev.marquee.gateway.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes due outbox rows with publisher confirms, on a thread of its own, and deletes a row only after
 * the broker confirmed it and routed it to a queue (messages are published mandatory, so a queue the
 * broker lost returns them instead of dropping them). While the broker is away the rows wait.
 */
final class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;
    private static final Duration REFUSED_RETRY = Duration.ofSeconds(5);
    private static final String OUTBOX_ROW = "x-outbox-row";

    private final MessagingSettings settings;
    private final OutboxStore outbox;
    private final BrokerConnection broker;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean stopping;
    private Channel publishing;
    private volatile PublishRound current;

    private OutboxRelay(MessagingSettings settings, OutboxStore outbox, BrokerConnection broker, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.broker = broker;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("marquee-outbox-relay").daemon().unstarted(this::run);
    }

    static OutboxRelay start(MessagingSettings settings, OutboxStore outbox, BrokerConnection broker, Clock clock) {
        OutboxRelay relay = new OutboxRelay(settings, outbox, broker, clock);
        relay.thread.start();
        return relay;
    }

    private void run() {
        while (!stopping) {
            boolean busy = false;
            try {
                busy = publishDue() > 0;
            } catch (Exception e) {
                LOG.warn("Outbox relay round failed; the messages stay in the outbox: {}", e.toString());
                closePublishing();
                pause(Duration.ofSeconds(1));
            }
            if (!busy) {
                pause(settings.relayInterval());
            }
        }
    }

    /**
     * Publishes one batch of due outbox rows; answers how many the broker confirmed. Each row is settled
     * on its own: one the broker refuses, or can route to no queue, waits a while without holding up the
     * others; one the broker did not answer for is tried again at once.
     */
    private int publishDue() throws Exception {
        Optional<Connection> connection = broker.current().filter(Connection::isOpen);
        if (connection.isEmpty()) {
            return 0;
        }
        List<OutboxStore.Pending> due = outbox.claimDue(settings.relayBatch());
        if (due.isEmpty()) {
            return 0;
        }
        PublishRound round = new PublishRound(clock);
        current = round;
        Set<Long> delivered = Set.of();
        try {
            Channel channel = publishingChannel(connection.get());
            for (OutboxStore.Pending row : due) {
                // A retry or a dead letter goes straight to its one queue through the default exchange.
                String exchange = row.targetQueue() == null ? settings.exchangeName() : "";
                String key = row.targetQueue() == null ? row.routingKey() : row.targetQueue();
                round.published(channel.getNextPublishSeqNo(), row.id());
                channel.basicPublish(exchange, key, true, propertiesOf(row), row.payload().getBytes(StandardCharsets.UTF_8));
            }
            if (!round.awaitAnswers(CONFIRM_TIMEOUT_MILLIS, channel::isOpen)) {
                closePublishing();
            }
            delivered = round.delivered();
            outbox.published(delivered);
            Set<Long> refused = round.refused();
            if (!refused.isEmpty()) {
                LOG.warn("The broker refused {} outbox messages ({} of them routed to no queue); trying them again in {}",
                        refused.size(), round.returnedRows().size(), REFUSED_RETRY);
                outbox.postpone(refused, REFUSED_RETRY);
            }
        } finally {
            current = null;
            Set<Long> unsettled = due.stream().map(OutboxStore.Pending::id)
                    .filter(id -> !round.delivered().contains(id) && !round.refused().contains(id))
                    .collect(Collectors.toSet());
            outbox.release(unsettled);
        }
        return delivered.size();
    }

    private AMQP.BasicProperties propertiesOf(OutboxStore.Pending row) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(Messaging.ATTEMPT, row.attempt());
        headers.put(Messaging.ROUTING_KEY, row.routingKey());
        headers.put(OUTBOX_ROW, row.id());
        OutboxNote note = OutboxNote.read(row.note());
        if (note.reason() != null) {
            headers.put(Messaging.NOTE, note.reason());
        }
        note.requestId().ifPresent(id -> headers.put(Messaging.REQUEST_ID, id));
        return new AMQP.BasicProperties.Builder().messageId(row.messageId()).contentType("application/json").deliveryMode(2)
                .headers(headers).timestamp(Date.from(clock.instant())).build();
    }

    private Channel publishingChannel(Connection connection) throws IOException {
        if (publishing == null || !publishing.isOpen()) {
            publishing = connection.createChannel();
            publishing.confirmSelect();
            publishing.addConfirmListener((sequence, multiple) -> answer(sequence, multiple, true),
                    (sequence, multiple) -> answer(sequence, multiple, false));
            publishing.addReturnListener(returned -> {
                PublishRound round = current;
                Object row = returned.getProperties().getHeaders() == null ? null
                        : returned.getProperties().getHeaders().get(OUTBOX_ROW);
                if (round != null && row instanceof Number n) {
                    round.returned(n.longValue());
                }
            });
        }
        return publishing;
    }

    private void answer(long sequence, boolean multiple, boolean ack) {
        PublishRound round = current;
        if (round != null) {
            round.answer(sequence, multiple, ack);
        }
    }

    private void closePublishing() {
        Channel channel = publishing;
        publishing = null;
        if (channel != null && channel.isOpen()) {
            try {
                channel.abort();
            } catch (Exception e) {
                LOG.debug("Aborting the publishing channel: {}", e.toString());
            }
        }
    }

    void stop() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
