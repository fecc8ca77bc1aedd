package dev.marquee.gateway.waitingroom;

import dev.marquee.booking.waitingroom.PlaceStatus;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.metrics.GroupedCounts;
import dev.marquee.gateway.metrics.Sampled;
import dev.marquee.gateway.metrics.SamplingSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Places in shows' waiting-room queues by status, across instances ({@code marquee_queue_places{status}} on
 * {@code /prometheus}): one grouped count, made at most every {@code marquee.metrics.sample-every} however often it
 * is scraped.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class QueueMeters implements MeterBinder {
    static final String NAME = "marquee.queue.places";

    // Resolved at the first scrape, not when the registry is built: the data source's own metrics need the registry.
    private final Sampled<Map<String, Long>> counts;

    public QueueMeters(BeanProvider<SingleStatements> statements, SamplingSettings sampling, Clock clock) {
        this.counts = new Sampled<>("the waiting-room queues' sizes", () -> GroupedCounts.of(statements.get(),
                "SELECT status, COUNT(*) FROM queue_places GROUP BY status"), Map.of(), sampling.sampleEvery(), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (PlaceStatus status : PlaceStatus.values()) {
            Gauge.builder(NAME, counts, c -> c.get().getOrDefault(status.name(), 0L)).tag("status", status.name().toLowerCase(Locale.ROOT))
                    .description("Places in shows' waiting-room queues by status, across instances").register(registry);
        }
    }
}
