package dev.marquee.gateway.waitlist;

import dev.marquee.booking.waitlist.WaitlistStatus;
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
 * Waitlist entries by status, across instances ({@code marquee_waitlist_entries{status}} on {@code /prometheus}): one
 * grouped count, made at most every {@code marquee.metrics.sample-every} however often it is scraped.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class WaitlistMeters implements MeterBinder {
    static final String NAME = "marquee.waitlist.entries";

    // Resolved at the first scrape, not when the registry is built: the data source's own metrics need the registry.
    private final Sampled<Map<String, Long>> counts;

    public WaitlistMeters(BeanProvider<SingleStatements> statements, SamplingSettings sampling, Clock clock) {
        this.counts = new Sampled<>("the waitlists' sizes", () -> GroupedCounts.of(statements.get(),
                "SELECT status, COUNT(*) FROM waitlist_entries GROUP BY status"), Map.of(), sampling.sampleEvery(), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (WaitlistStatus status : WaitlistStatus.values()) {
            Gauge.builder(NAME, counts, c -> c.get().getOrDefault(status.name(), 0L)).tag("status", status.name().toLowerCase(Locale.ROOT))
                    .description("Waitlist entries by status, across instances").register(registry);
        }
    }
}
