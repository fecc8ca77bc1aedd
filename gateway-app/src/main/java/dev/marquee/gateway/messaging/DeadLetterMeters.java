package dev.marquee.gateway.messaging;

import dev.marquee.gateway.metrics.Sampled;
import dev.marquee.gateway.metrics.SamplingSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/**
 * Messages parked in each handler's dead-letter queue ({@code marquee_messaging_dead_letters{queue}}), as the broker
 * counts them, asked at most every {@code marquee.metrics.sample-every}; while the broker cannot be asked, the last count
 * stays. Any dead letter is a message that was never handled (a booking not confirmed, an email not sent): worth an alert.
 * Registered once the gateway has started: the broker's queues are known then, and the registry's own binders (the data
 * source's among them) are built.
 */
@Singleton
@Requires(beans = {MeterRegistry.class, Messaging.class})
public class DeadLetterMeters {
    private final MeterRegistry registry;
    private final Messaging messaging;
    private final Sampled<Map<String, Long>> counts;

    public DeadLetterMeters(MeterRegistry registry, Messaging messaging, SamplingSettings sampling, Clock clock) {
        this.registry = registry;
        this.messaging = messaging;
        this.counts = new Sampled<>("the dead-letter queues", this::count, Map.of(), sampling.sampleEvery(), clock);
    }

    private Map<String, Long> count() {
        Map<String, Long> counts = messaging.deadLetters();
        if (counts.isEmpty() && !messaging.connected()) {
            throw new IllegalStateException("the broker is not connected");
        }
        return counts;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        for (String queue : messaging.deadLetterQueues()) {
            Gauge.builder("marquee.messaging.dead.letters", counts, c -> c.get().getOrDefault(queue, 0L)).tag("queue", queue)
                    .description("Messages in a dead-letter queue: never handled, waiting for an operator").register(registry);
        }
    }
}
