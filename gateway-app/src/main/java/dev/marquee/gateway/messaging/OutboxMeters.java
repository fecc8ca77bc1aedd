package dev.marquee.gateway.messaging;

import dev.marquee.gateway.metrics.Sampled;
import dev.marquee.gateway.metrics.SamplingSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The outbox's backlog, shared by all instances: {@code marquee_outbox_depth}, messages due to be published, and
 * {@code marquee_outbox_oldest_age_seconds}, how long the oldest of them has waited. Both come from one indexed query,
 * made at most every {@code marquee.metrics.sample-every}. A backlog that grows means the broker is not taking messages.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class OutboxMeters implements MeterBinder {
    // Resolved at the first scrape, not when the registry is built: the data source's own metrics need the registry.
    private final Sampled<OutboxStore.Backlog> backlog;

    public OutboxMeters(BeanProvider<OutboxStore> outbox, SamplingSettings sampling, Clock clock) {
        this.backlog = new Sampled<>("the outbox backlog", () -> outbox.get().backlog(), new OutboxStore.Backlog(0, Duration.ZERO),
                sampling.sampleEvery(), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("marquee.outbox.depth", backlog, b -> b.get().due())
                .description("Messages in the outbox due to be published to the broker, across instances").register(registry);
        Gauge.builder("marquee.outbox.oldest.age", backlog, b -> b.get().oldestAge().toMillis() / 1000.0).baseUnit("seconds")
                .description("How long the oldest message due in the outbox has waited").register(registry);
    }
}
