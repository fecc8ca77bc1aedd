package dev.marquee.gateway.messaging;

import dev.marquee.gateway.logging.RequestId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.MDC;

/** Handlers that record what they get and answer what a test scripts; only in the messaging tests. */
final class ProbeHandlers {
    private ProbeHandlers() {
    }

    abstract static class Probe implements MessageHandler {
        final List<Delivery> received = new CopyOnWriteArrayList<>();
        final Map<String, Function<Delivery, Handling>> script = new ConcurrentHashMap<>();
        /** The request id in the MDC while each delivery was handled, "none" when there was none. */
        final Map<String, List<String>> requestIds = new ConcurrentHashMap<>();

        @Override
        public List<String> routingKeys() {
            return List.of("probe.#");
        }

        @Override
        public Handling handle(Delivery delivery) {
            received.add(delivery);
            String requestId = MDC.get(RequestId.MDC_KEY);
            requestIds.computeIfAbsent(delivery.messageId(), id -> new CopyOnWriteArrayList<>())
                    .add(requestId == null ? "none" : requestId);
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
