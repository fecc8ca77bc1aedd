package dev.marquee.gateway.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.qpid.server.SystemLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker inside the gateway's process (Apache Qpid Broker-J), so the embedded default runs
 * the very same outbox, relay and consumer code as production does on RabbitMQ. Given a store folder, it
 * keeps its durable queues and persistent messages there (Derby), so a message the relay handed over and
 * no consumer finished survives a kill of the process as it would on RabbitMQ; without one, messages live
 * in memory and are lost with the process.
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final SystemLauncher launcher = new SystemLauncher();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    static EmbeddedBroker start(int port, Optional<Path> store) {
        // Broker-J logs a port it cannot bind and starts all the same; the gateway would then talk to
        // whatever holds the port (another gateway's broker). Refuse to start instead.
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException("The embedded AMQP broker cannot listen on 127.0.0.1:" + port
                    + ", it is in use (set marquee.messaging.embedded-port, or marquee.messaging.broker=external)", e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(port);
        URL config = EmbeddedBroker.class.getResource(store.isPresent() ? "/messaging/embedded-broker-durable.json"
                : "/messaging/embedded-broker.json");
        Map<String, String> context = new HashMap<>();
        context.put("qpid.amqp_port", Integer.toString(port));
        store.ifPresent(folder -> context.put("qpid.store_path", folder.toAbsolutePath().toString()));
        Map<String, Object> attributes = new HashMap<>();
        // The broker's own configuration comes from the file at every start; only the messages are stored.
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toExternalForm());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", context);
        try {
            broker.launcher.startup(attributes);
        } catch (Exception e) {
            throw new IllegalStateException("The embedded AMQP broker did not start on port " + port
                    + " (set marquee.messaging.embedded-port, or marquee.messaging.broker=external)", e);
        }
        LOG.info("Embedded AMQP broker listening on 127.0.0.1:{}, messages {}", port,
                store.map(folder -> "stored in " + folder.toAbsolutePath()).orElse("in memory"));
        return broker;
    }

    URI uri() {
        return URI.create("amqp://guest:guest@127.0.0.1:" + port);
    }

    @Override
    public void close() {
        launcher.shutdown();
    }
}
