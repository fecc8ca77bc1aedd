package dev.marquee.gateway.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.messaging.Messaging;
import dev.marquee.gateway.messaging.OutboxStore;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What a booking needs around the gateway: a sandbox chain that is also the payment provider, an SMTP
 * server (GreenMail) and queues of its own on the real RabbitMQ. The gateway's port is chosen up front,
 * because the provider must be told where to send its webhooks.
 */
public final class BookingStack implements AutoCloseable {
    private final String chainId;
    private final SandboxTheatre chain;
    private final GreenMail smtp;
    private final int gatewayPort;
    private final Map<String, String> broker;

    private BookingStack(String chainId, SandboxTheatre chain, GreenMail smtp, int gatewayPort, Map<String, String> broker) {
        this.chainId = chainId;
        this.chain = chain;
        this.smtp = smtp;
        this.gatewayPort = gatewayPort;
        this.broker = broker;
    }

    /** Starts the chain (seeded, small) and the SMTP server. */
    public static BookingStack start(String chainId, String chainName, long seed) {
        return start(chainId, chainName, seed, Broker.onRabbitMq(chainId));
    }

    /** The same, with the gateway on the broker these properties name (see {@link Broker}). */
    public static BookingStack start(String chainId, String chainName, long seed, Map<String, String> broker) {
        SandboxTheatre chain = SandboxTheatre.builder().seed(seed).size("small").chainName(chainName)
                .property("sandbox.payments.webhook-max-backoff", "1s").start();
        GreenMail smtp = new GreenMail(new ServerSetup(BookingJourney.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new BookingStack(chainId, chain, smtp, BookingJourney.freePort(), broker);
    }

    /** The gateway's settings for this stack: chain, provider, SMTP, broker, and no background sweeps or syncs. */
    public Map<String, String> gatewayProperties() {
        Map<String, String> properties = new HashMap<>(broker);
        properties.putAll(Map.ofEntries(
                Map.entry("micronaut.server.port", Integer.toString(gatewayPort)),
                Map.entry("marquee.sync.enabled", "false"),
                Map.entry("marquee.holds.sweep", "false"),
                Map.entry("marquee.bookings.sweep", "false"),
                Map.entry("marquee.limits.writes-per-key", "100000"),
                Map.entry("marquee.limits.writes-per-address", "100000"),
                Map.entry("marquee.chains." + chainId + ".adapter", "rest"),
                Map.entry("marquee.chains." + chainId + ".settings.base-url", chain.baseUrl().toString()),
                Map.entry("marquee.chains." + chainId + ".seat-map-ttl", "0s"),
                Map.entry("marquee.payments.provider-url", chain.baseUrl().toString()),
                Map.entry("marquee.payments.notify-url", "http://127.0.0.1:" + gatewayPort + "/api/v1/payments/webhook"),
                Map.entry("marquee.mail.transport", "smtp"),
                Map.entry("marquee.mail.host", "127.0.0.1"),
                Map.entry("marquee.mail.port", Integer.toString(smtp.getSmtp().getPort())),
                Map.entry("marquee.mail.retry-after", "1s")));
        return properties;
    }

    public SandboxTheatre chain() {
        return chain;
    }

    public GreenMail smtp() {
        return smtp;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    /**
     * Waits until this gateway has nothing left to do: no outbox row (delayed retries included), no queued
     * message and no delivery being handled. An email that has not come by then will not come.
     */
    public void awaitQuiet(OutboxStore outbox, Messaging messaging, Collection<MessageHandler> handlers) {
        Quiet.await(BookingJourney.ASYNC, () -> new Quiet.Work(outbox.rows(), messagesQueued(handlers),
                messaging.deliveriesInProgress()));
    }

    /** Messages ready in the handlers' queues (the broker does not count those delivered and not yet acknowledged). */
    public long messagesQueued(Collection<MessageHandler> handlers) {
        return messagesQueuedIn(handlers.stream().map(MessageHandler::queue).toList());
    }

    /** The same, for handler queues named directly (a gateway running as a process of its own). */
    public long messagesQueuedIn(Collection<String> queues) {
        String prefix = broker.get("marquee.messaging.queue-prefix");
        try {
            long queued = 0;
            try (Connection connection = Broker.connect(broker); Channel channel = connection.createChannel()) {
                for (String queue : queues) {
                    queued += channel.queueDeclarePassive(prefix + queue).getMessageCount();
                }
            }
            return queued;
        } catch (Exception e) {
            throw new IllegalStateException("could not count the queued messages", e);
        }
    }

    /** Stops the chain and the SMTP server; the queues go with {@link #deleteQueues}. */
    @Override
    public void close() {
        chain.close();
        smtp.stop();
    }

    /** Deletes the queues and the exchange the gateway declared for these handlers. */
    public void deleteQueues(Collection<MessageHandler> handlers) {
        Broker.cleanUp(broker, handlers);
    }

    /** The same, for handler queues named directly. */
    public void deleteQueuesNamed(Collection<String> queues) {
        Broker.cleanUpQueues(broker, queues);
    }

    public Map<String, String> brokerProperties() {
        return broker;
    }
}
