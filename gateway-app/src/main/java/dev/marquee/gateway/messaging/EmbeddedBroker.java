package dev.marquee.gateway.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker inside the gateway's process (Apache Qpid Broker-J, messages in memory), so the
 * embedded default runs the very same outbox, relay and consumer code as production does on RabbitMQ.
 * Messages in flight are lost with the process; the outbox is not, and that is what matters.
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final SystemLauncher launcher = new SystemLauncher();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    static EmbeddedBroker start(int port) {
        // Broker-J logs a port it cannot bind and starts all the same; the gateway would then talk to
        // whatever holds the port (another gateway's broker). Refuse to start instead.
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException("The embedded AMQP broker cannot listen on 127.0.0.1:" + port
                    + ", it is in use (set marquee.messaging.embedded-port, or marquee.messaging.broker=external)", e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(port);
        URL config = EmbeddedBroker.class.getResource("/messaging/embedded-broker.json");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toExternalForm());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", Map.of("qpid.amqp_port", Integer.toString(port)));
        try {
            broker.launcher.startup(attributes);
        } catch (Exception e) {
            throw new IllegalStateException("The embedded AMQP broker did not start on port " + port
                    + " (set marquee.messaging.embedded-port, or marquee.messaging.broker=external)", e);
        }
        LOG.info("Embedded AMQP broker listening on 127.0.0.1:{}", port);
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
