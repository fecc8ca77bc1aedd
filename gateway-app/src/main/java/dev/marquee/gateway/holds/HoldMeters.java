package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.HoldOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * Hold attempts by how they ended ({@code marquee_holds_total{outcome=…}} on {@code /prometheus}): {@code won} (placed),
 * {@code conflicted} (a seat was held or sold already), {@code refused} (invalid, unknown or unbookable show, a limit
 * reached, a lost answer), {@code failed} (a fault: the chain or the database). Counted at the edge, once per attempt
 * the rules ran; a replayed idempotent answer is not counted again. Every outcome is registered at 0 when the registry is
 * built (a binder), so a scrape shows each series before the first hold; with metrics off it counts where no one reads.
 */
@Singleton
public class HoldMeters implements MeterBinder {
    static final String NAME = "marquee.holds";

    /** How a hold attempt ended, as counted. */
    public enum Outcome {
        WON, CONFLICTED, REFUSED, FAILED
    }

    private volatile Map<Outcome, Counter> counters = countersIn(new SimpleMeterRegistry());

    @Override
    public void bindTo(MeterRegistry registry) {
        counters = countersIn(registry);
    }

    private static Map<Outcome, Counter> countersIn(MeterRegistry registry) {
        Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder(NAME).tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Hold attempts by outcome: won, conflicted (seats taken), refused, failed (a fault)")
                    .register(registry));
        }
        return counters;
    }

    public void counted(HoldOutcome outcome) {
        counters.get(switch (outcome) {
            case HoldOutcome.Placed placed -> Outcome.WON;
            case HoldOutcome.SeatsTaken taken -> Outcome.CONFLICTED;
            case HoldOutcome.AlreadyPlaced placed -> Outcome.REFUSED;
            case HoldOutcome.Invalid invalid -> Outcome.REFUSED;
            case HoldOutcome.UnknownShow unknown -> Outcome.REFUSED;
            case HoldOutcome.NotBookable notBookable -> Outcome.REFUSED;
            case HoldOutcome.LimitReached limit -> Outcome.REFUSED;
        }).increment();
    }

    public void failed() {
        counters.get(Outcome.FAILED).increment();
    }
}
