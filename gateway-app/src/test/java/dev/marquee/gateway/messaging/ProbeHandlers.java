package dev.marquee.gateway.messaging;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Handlers that record what they get and answer what a test scripts; only in the messaging tests. */
final class ProbeHandlers {
    private ProbeHandlers() {
    }

    abstract static class Probe implements MessageHandler {
        final List<Delivery> received = new CopyOnWriteArrayList<>();
        final Map<String, Function<Delivery, Handling>> script = new ConcurrentHashMap<>();

        @Override
        public List<String> routingKeys() {
            return List.of("probe.#");
        }

        @Override
        public Handling handle(Delivery delivery) {
            received.add(delivery);
            return script.getOrDefault(delivery.messageId(), d -> Handling.done()).apply(delivery);
        }

        List<Delivery> of(String messageId) {
            return received.stream().filter(d -> d.messageId().equals(messageId)).toList();
        }
    }

    @Singleton
    @Requires(property = "marquee.test.messaging-probes", value = "true")
    static final class First extends Probe {
        @Override
        public String queue() {
            return "probe-first";
        }
    }

    @Singleton
    @Requires(property = "marquee.test.messaging-probes", value = "true")
    static final class Second extends Probe {
        @Override
        public String queue() {
            return "probe-second";
        }
    }
}
