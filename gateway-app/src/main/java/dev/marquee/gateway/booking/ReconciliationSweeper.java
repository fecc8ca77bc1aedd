package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.Reconciler;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the core's {@link Reconciler} now and then and keeps count of what it found, for {@code /health}:
 * each kind of divergence (a payment without its event, a confirmation unsettled, a cancellation unfinished, a refund
 * outstanding, a confirmed booking missing at its chain) since the gateway started, what the last round found, and
 * how many are still open after it.
 */
@Singleton
@Requires(property = "marquee.bookings.reconcile", notEquals = "false")
public class ReconciliationSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationSweeper.class);

    private final Reconciler reconciler;
    private final Map<String, Integer> sinceStart = new TreeMap<>();
    private Map<String, Integer> lastRound = Map.of();
    private Map<String, Integer> openNow = Map.of();

    public ReconciliationSweeper(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Scheduled(fixedDelay = "${marquee.bookings.reconcile-interval:1m}", initialDelay = "${marquee.bookings.reconcile-interval:1m}")
    void reconcile() {
        try {
            Reconciler.Round round = reconciler.reconcile();
            synchronized (this) {
                round.divergences().forEach((kind, count) -> sinceStart.merge(kind, count, Integer::sum));
                lastRound = round.divergences();
                openNow = new TreeMap<>(round.open());
            }
        } catch (RuntimeException e) {
            LOG.warn("Reconciliation failed; trying again at the next interval", e);
        }
    }

    /** Divergences found since the gateway started, by kind, in the last round, and still open after it. */
    public synchronized Map<String, Object> status() {
        return Map.of("divergencesSinceStart", Map.copyOf(sinceStart), "divergencesLastRound", Map.copyOf(lastRound),
                "divergencesOpen", Map.copyOf(openNow));
    }
}
