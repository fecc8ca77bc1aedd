package dev.marquee.gateway.messaging;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The message broker, from {@code marquee.messaging.*}.
 *
 * @param enabled whether to publish and consume at all (default true); when off, the outbox still keeps
 *     every message, to be published once it is on
 * @param broker {@code embedded} (default: an in-process AMQP 0-9-1 broker, nothing to install) or
 *     {@code external} (RabbitMQ at {@code uri})
 * @param uri the external broker, {@code amqp://user:password@host:port/vhost}
 * @param addresses the nodes of an external cluster, {@code host:port} each (default none: the host of {@code uri});
 *     the client connects to one of them, tried in random order, and recovers to another when its node goes
 *     away; the user, password, virtual host and TLS still come from {@code uri}
 * @param queueType {@code classic} (default) or {@code quorum}: the type every queue is declared with. Quorum
 *     queues are replicated across a cluster's nodes (RabbitMQ only); a queue's type never changes, so a
 *     deployment that moves to quorum queues takes a new {@code queue-prefix}
 * @param exchange the topic exchange messages are published to, named after the prefix (default {@code events}, so
 *     {@code marquee.events})
 * @param queuePrefix put before the name of the exchange and of every queue (default {@code marquee.}), so that
 *     deployments with prefixes of their own share a broker without receiving each other's messages
 * @param prefetch unacknowledged messages a consumer may have at once (default 4: each consumer handles one at a time, so
 *     a larger prefetch only queues messages that another consumer, or another instance, could be handling)
 * @param consumerThreads consumers of each handler's queue, each with a thread of its own (default 16: a payment's
 *     confirmation and a ticket email wait mostly on the database, the chain and the SMTP server, so many run at once)
 * @param maxAttempts deliveries of one message before it goes to its dead-letter queue (default 50)
 * @param retryBackoff the first retry's delay, doubled per attempt (default 1 s)
 * @param retryBackoffCap the longest retry delay (default 5 min)
 * @param relayInterval how often an idle outbox is looked at (default 25 ms: a payment passes the outbox twice on its
 *     way to the ticket email, and each pass waits for the next look; a busy relay looks again at once)
 * @param relayBatch messages published per confirm round (default 200)
 * @param embeddedPort the embedded broker's port (default 5673)
 * @param embeddedStore a folder where the embedded broker keeps its messages, so they survive the process
 *     (default none: messages in memory)
 */
@ConfigurationProperties("marquee.messaging")
public record MessagingSettings(
        @Nullable Boolean enabled,
        @Nullable String broker,
        @Nullable URI uri,
        @Nullable List<String> addresses,
        @Nullable String queueType,
        @Nullable String exchange,
        @Nullable String queuePrefix,
        @Nullable Integer prefetch,
        @Nullable Integer consumerThreads,
        @Nullable Integer maxAttempts,
        @Nullable Duration retryBackoff,
        @Nullable Duration retryBackoffCap,
        @Nullable Duration relayInterval,
        @Nullable Integer relayBatch,
        @Nullable Integer embeddedPort,
        @Nullable String embeddedStore) {

    public static final String DEFAULT_EXCHANGE = "events";

    public MessagingSettings {
        enabled = enabled == null || enabled;
        broker = broker == null ? "embedded" : broker.toLowerCase(Locale.ROOT);
        uri = uri == null ? URI.create("amqp://guest:guest@127.0.0.1:5672") : uri;
        addresses = addresses == null ? List.of() : addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        queueType = queueType == null || queueType.isBlank() ? "classic" : queueType.strip().toLowerCase(Locale.ROOT);
        exchange = exchange == null ? DEFAULT_EXCHANGE : exchange;
        queuePrefix = queuePrefix == null ? "marquee." : queuePrefix;
        prefetch = prefetch == null ? 4 : prefetch;
        consumerThreads = consumerThreads == null ? 16 : consumerThreads;
        maxAttempts = maxAttempts == null ? 50 : maxAttempts;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
        retryBackoffCap = retryBackoffCap == null ? Duration.ofMinutes(5) : retryBackoffCap;
        relayInterval = relayInterval == null ? Duration.ofMillis(25) : relayInterval;
        relayBatch = relayBatch == null ? 200 : relayBatch;
        embeddedPort = embeddedPort == null ? 5673 : embeddedPort;
        embeddedStore = embeddedStore == null || embeddedStore.isBlank() ? null : embeddedStore.strip();
        if (!broker.equals("embedded") && !broker.equals("external")) {
            throw new ConfigurationException("marquee.messaging.broker must be 'embedded' or 'external', got '" + broker + "'");
        }
        if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme())) {
            throw new ConfigurationException("marquee.messaging.uri must be an amqp:// or amqps:// URI, got '" + uri + "'");
        }
        if (!queueType.equals("classic") && !queueType.equals("quorum")) {
            throw new ConfigurationException("marquee.messaging.queue-type must be 'classic' or 'quorum', got '" + queueType + "'");
        }
        if (queueType.equals("quorum") && broker.equals("embedded")) {
            throw new ConfigurationException("marquee.messaging.queue-type 'quorum' needs marquee.messaging.broker 'external' "
                    + "(RabbitMQ); the embedded broker has classic queues only");
        }
        for (String address : addresses) {
            parseAddress(address);
        }
        atLeast(prefetch, 1, "prefetch");
        atLeast(consumerThreads, 1, "consumer-threads");
        atLeast(maxAttempts, 1, "max-attempts");
        atLeast(relayBatch, 1, "relay-batch");
        atLeast(embeddedPort, 1, "embedded-port");
        positive(retryBackoff, "retry-backoff");
        positive(retryBackoffCap, "retry-backoff-cap");
        positive(relayInterval, "relay-interval");
    }

    /** The nodes to connect to: {@code addresses}, or else the host of {@code uri}. */
    public List<Address> brokerAddresses() {
        if (addresses.isEmpty()) {
            int port = uri.getPort() > 0 ? uri.getPort()
                    : "amqps".equals(uri.getScheme()) ? ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT : ConnectionFactory.DEFAULT_AMQP_PORT;
            return List.of(new Address(uri.getHost(), port));
        }
        return addresses.stream().map(MessagingSettings::parseAddress).toList();
    }

    public boolean quorumQueues() {
        return queueType.equals("quorum");
    }

    /** The arguments every queue is declared with: its type, when that is not the broker's default. */
    public Map<String, Object> queueArguments() {
        return quorumQueues() ? Map.of("x-queue-type", "quorum") : Map.of();
    }

    private static Address parseAddress(String address) {
        int colon = address.lastIndexOf(':');
        try {
            if (colon <= 0 || colon == address.length() - 1) {
                throw new NumberFormatException("no port");
            }
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException("port out of range");
            }
            return new Address(address.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("marquee.messaging.addresses must list host:port entries, got '" + address + "'");
        }
    }

    public boolean embedded() {
        return broker.equals("embedded");
    }

    /** The delay before the given attempt (2 for the first retry): doubling from the base, capped. */
    public Duration backoffBefore(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 2, 20));
        Duration delay = retryBackoff.multipliedBy(1L << doublings);
        return delay.compareTo(retryBackoffCap) > 0 ? retryBackoffCap : delay;
    }

    /** The exchange as declared at the broker: the prefix and {@code exchange}. */
    public String exchangeName() {
        return queuePrefix + exchange;
    }

    public String queueName(String queue) {
        return queuePrefix + queue;
    }

    public String deadLetterQueueName(String queue) {
        return queuePrefix + queue + ".dead";
    }

    private static void atLeast(int value, int min, String key) {
        if (value < min) {
            throw new ConfigurationException("marquee.messaging." + key + " must be at least " + min + ", got " + value);
        }
    }

    private static void positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException("marquee.messaging." + key + " must be positive, got " + value);
        }
    }

    /** The folder of the embedded broker's message store, when it keeps its messages. */
    public Optional<Path> embeddedStoreFolder() {
        return Optional.ofNullable(embeddedStore).map(Path::of);
    }
}
