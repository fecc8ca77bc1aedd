package dev.marquee.gateway.messaging;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the broker, made in the background and kept: the client recovers it (and the queues
 * and consumers on it) after the broker restarts or, on a cluster, on another node when its node goes
 * away. Until it is up nothing fails: the outbox holds the work. A broker whose queues clash with the
 * settings is not tried again: that needs a change of settings, and the fault is kept for health.
 */
final class BrokerConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

    private final ConnectionFactory factory = new ConnectionFactory();
    private final ExecutorService consumerThreads;
    private final URI uri;
    private final List<Address> addresses;
    private volatile Connection connection;
    private volatile String fault;
    private volatile boolean closed;
    private final Thread connector;

    /** @param consumerThreads threads that run deliveries, shared by every consumer of the connection */
    BrokerConnection(URI uri, int consumerThreads, Consumer<Connection> onFirstConnect) {
        this(uri, List.of(), consumerThreads, onFirstConnect);
    }

    /**
     * @param addresses the nodes to connect to, tried in random order (empty: the host of {@code uri}); the
     *     user, password, virtual host and TLS come from {@code uri}
     */
    BrokerConnection(URI uri, List<Address> addresses, int consumerThreads, Consumer<Connection> onFirstConnect) {
        this.uri = uri;
        this.addresses = addresses.isEmpty() ? List.of(new Address(uri.getHost(), uri.getPort())) : List.copyOf(addresses);
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a broker URI: " + describe(), e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5000);
        this.consumerThreads = Executors.newFixedThreadPool(consumerThreads, Thread.ofPlatform().name("marquee-consumer-", 1)
                .daemon().factory());
        this.connector = Thread.ofPlatform().name("marquee-broker-connect").daemon().start(() -> connect(onFirstConnect));
    }

    private void connect(Consumer<Connection> onFirstConnect) {
        long wait = 500;
        while (!closed) {
            try {
                // The client shuffles the addresses on every connect and recovery, so instances spread over the
                // nodes and a recovery moves on from a node that is gone.
                Connection made = factory.newConnection(consumerThreads, addresses, "marquee-gateway");
                try {
                    onFirstConnect.accept(made);
                } catch (RuntimeException e) {
                    made.abort();
                    throw e;
                }
                // Published only once the queues are declared and bound: a message relayed before that
                // would be routed nowhere and, confirmed all the same, lost.
                connection = made;
                LOG.info("Connected to the message broker at {} (node {})", describe(), nodeOf(made));
                return;
            } catch (Misconfigured e) {
                fault = e.getMessage();
                LOG.error("Message broker at {} does not match the settings; not trying again until they are changed "
                        + "and the gateway restarted; the outbox keeps the work: {}", describe(), e.getMessage());
                return;
            } catch (Exception e) {
                LOG.warn("Message broker at {} not reachable ({}); trying again in {} ms; the outbox keeps the work",
                        describe(), e.toString(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
                wait = Math.min(wait * 2, 10_000);
            }
        }
    }

    /** The connection, once made; it may be recovering at any moment. */
    Optional<Connection> current() {
        return Optional.ofNullable(connection);
    }

    boolean isOpen() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /** The broker without its credentials: every address and the virtual host. */
    String describe() {
        String hosts = addresses.stream().map(a -> a.getHost() + ":" + a.getPort()).collect(Collectors.joining(","));
        return uri.getScheme() + "://" + hosts + (uri.getPath() == null ? "" : uri.getPath());
    }

    /** The node the connection is on at the moment, {@code host:port}, when it is open. */
    Optional<String> connectedNode() {
        Connection c = connection;
        return c != null && c.isOpen() ? Optional.of(nodeOf(c)) : Optional.empty();
    }

    /** Why the connection was given up, when the broker does not match the settings. */
    Optional<String> fault() {
        return Optional.ofNullable(fault);
    }

    private static String nodeOf(Connection c) {
        return c.getAddress().getHostAddress() + ":" + c.getPort();
    }

    /** The broker's queues or exchange clash with the settings: trying again cannot help. */
    static final class Misconfigured extends RuntimeException {
        Misconfigured(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void close() {
        closed = true;
        connector.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close(2000);
            } catch (Exception e) {
                LOG.debug("Closing the broker connection: {}", e.toString());
            }
        }
        consumerThreads.shutdownNow();
    }
}
