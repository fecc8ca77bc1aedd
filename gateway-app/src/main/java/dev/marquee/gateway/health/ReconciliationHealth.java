package dev.marquee.gateway.health;

import dev.marquee.gateway.booking.ReconciliationSweeper;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * What the reconciler found: bookings the gateway, the chain and the payment provider disagreed about. Always UP
 * (each divergence found is settled or retried), but the counts are there to be watched.
 */
@Singleton
@Requires(beans = ReconciliationSweeper.class)
final class ReconciliationHealth implements HealthCheck {
    private final ReconciliationSweeper sweeper;

    ReconciliationHealth(ReconciliationSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public String name() {
        return "reconciliation";
    }

    @Override
    public boolean neededForReadiness() {
        return false;
    }

    @Override
    public Component check() {
        return Component.up(sweeper.status());
    }
}
