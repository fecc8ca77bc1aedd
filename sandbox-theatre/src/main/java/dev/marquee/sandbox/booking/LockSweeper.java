package dev.marquee.sandbox.booking;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired locks every {@code sandbox.sweep-interval}. Locks are dead at expiry whether swept or not. */
@Singleton
public class LockSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(LockSweeper.class);

    private final Reservations reservations;

    public LockSweeper(Reservations reservations) {
        this.reservations = reservations;
    }

    @Scheduled(fixedDelay = "${sandbox.sweep-interval:1s}", initialDelay = "${sandbox.sweep-interval:1s}")
    void sweep() {
        try {
            int swept = reservations.sweepExpired();
            if (swept > 0) {
                LOG.debug("Deleted {} expired locks", swept);
            }
        } catch (RuntimeException e) {
            LOG.warn("Sweeping expired locks failed; trying again at the next interval: {}", e.getMessage());
        }
    }
}
