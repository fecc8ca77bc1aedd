package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.Holds;
import dev.marquee.booking.idempotency.IdempotentRequests;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends holds past their time and drops idempotency keys past their retention. Holds live in the
 * database, so expiry survives restarts; ending a hold is a conditional update that only one
 * instance wins, so several gateways can sweep at once.
 */
@Singleton
@Requires(property = "marquee.holds.sweep", notEquals = "false")
public class HoldExpirySweeper {
    private static final Logger LOG = LoggerFactory.getLogger(HoldExpirySweeper.class);
    /** Keys are kept for a day; dropping them once every few minutes is soon enough. */
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final Holds holds;
    private final IdempotentRequests keys;
    private final HoldSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hold-expiry").daemon(true).factory());
    private Instant nextPurge;

    public HoldExpirySweeper(Holds holds, IdempotentRequests keys, HoldSettings settings, Clock clock) {
        this.holds = holds;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        long every = settings.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            int expired = holds.expireDue();
            if (expired > 0) {
                LOG.info("Expired {} holds", expired);
            }
            Instant now = clock.instant();
            if (nextPurge == null || !now.isBefore(nextPurge)) {
                int purged = keys.purgeExpired();
                nextPurge = now.plus(PURGE_EVERY);
                if (purged > 0) {
                    LOG.debug("Dropped {} idempotency keys past their retention", purged);
                }
            }
        } catch (Exception e) {
            LOG.warn("Hold expiry sweep failed; trying again in {}", settings.sweepInterval(), e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
