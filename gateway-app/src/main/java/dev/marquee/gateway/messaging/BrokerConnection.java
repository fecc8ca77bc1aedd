package dev.marquee.gateway.messaging;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the broker, made in the background and kept: the client recovers it (and the queues
 * and consumers on it) after the broker restarts. Until it is up nothing fails: the outbox holds the work.
 */
final class BrokerConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

    private final ConnectionFactory factory = new ConnectionFactory();
    private final ExecutorService consumerThreads;
    private final URI uri;
    private volatile Connection connection;
    private volatile boolean closed;
    private final Thread connector;

    /** @param consumerThreads threads that run deliveries, shared by every consumer of the connection */
    BrokerConnection(URI uri, int consumerThreads, Consumer<Connection> onFirstConnect) {
        this.uri = uri;
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a broker URI: " + redacted(uri), e);
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
                Connection made = factory.newConnection(consumerThreads, "marquee-gateway");
                try {
                    onFirstConnect.accept(made);
                } catch (RuntimeException e) {
                    made.abort();
                    throw e;
                }
                // Published only once the queues are declared and bound: a message relayed before that
                // would be routed nowhere and, confirmed all the same, lost.
                connection = made;
                LOG.info("Connected to the message broker at {}", redacted(uri));
                return;
            } catch (Exception e) {
                LOG.warn("Message broker at {} not reachable ({}); trying again in {} ms; the outbox keeps the work",
                        redacted(uri), e.toString(), wait);
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

    String describe() {
        return redacted(uri);
    }

    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + (uri.getPath() == null ? "" : uri.getPath());
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
