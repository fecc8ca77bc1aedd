package dev.marquee.gateway.health;

import dev.marquee.gateway.booking.ReconciliationSweeper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * What the reconciler found: bookings the gateway, the chain and the payment provider disagreed about.
 * The gateway stays UP (each divergence found is settled or retried), but the counts are there to be watched.
 */
@Singleton
@Requires(beans = ReconciliationSweeper.class)
public class ReconciliationHealthIndicator implements HealthIndicator {
    private final ReconciliationSweeper sweeper;

    public ReconciliationHealthIndicator(ReconciliationSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("reconciliation", HealthStatus.UP).details(sweeper.status()).build());
    }
}
