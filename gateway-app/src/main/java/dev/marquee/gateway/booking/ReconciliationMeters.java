package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.ReconciliationMetrics;
import dev.marquee.booking.bookings.Reconciler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reconciler's rounds as Micrometer meters, per kind of divergence: {@code marquee.reconciliation.divergences}
 * counts those found (Prometheus: {@code marquee_reconciliation_divergences_total{kind=…}}), and the gauge
 * {@code marquee.reconciliation.divergences.open} says how many are open after the last round. Every kind is
 * registered at start, at 0, so a scrape sees each series before anything diverged.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class ReconciliationMeters implements ReconciliationMetrics {
    static final String FOUND = "marquee.reconciliation.divergences";
    static final String OPEN = "marquee.reconciliation.divergences.open";

    private final Map<String, Counter> found = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> open = new LinkedHashMap<>();

    public ReconciliationMeters(MeterRegistry registry) {
        for (String kind : Reconciler.KINDS) {
            found.put(kind, Counter.builder(FOUND).tag("kind", kind)
                    .description("Bookings the gateway, the chain and the payment provider disagreed about, found by the reconciler")
                    .register(registry));
            AtomicInteger openOfKind = new AtomicInteger();
            open.put(kind, openOfKind);
            Gauge.builder(OPEN, openOfKind, AtomicInteger::get).tag("kind", kind)
                    .description("Divergences the last reconciliation round left open").register(registry);
        }
    }

    @Override
    public void recorded(Reconciler.Round round) {
        round.divergences().forEach((kind, count) -> {
            Counter counter = found.get(kind);
            if (counter != null) {
                counter.increment(count);
            }
        });
        open.forEach((kind, gauge) -> gauge.set(round.open().getOrDefault(kind, 0)));
    }
}
