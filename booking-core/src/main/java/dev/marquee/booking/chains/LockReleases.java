package dev.marquee.booking.chains;

import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.TheatreAdapter;
import java.util.Optional;

/** Releasing a chain's lock where a failure must not undo what the caller decided. */
public final class LockReleases {
    private static final System.Logger LOG = System.getLogger(LockReleases.class.getName());

    private LockReleases() {
    }

    /**
     * Releases a lock. A chain that cannot be told now drops the lock itself: its lock outlives the hold by
     * a margin. A lock that became a booking stays one; the chain says so and frees nothing.
     *
     * @return what the chain answered; empty when it could not be told
     */
    public static Optional<ReleaseOutcome> releaseQuietly(TheatreAdapter theatre, String chainId, String lockRef) {
        try {
            ReleaseOutcome outcome = theatre.release(lockRef);
            if (outcome instanceof ReleaseOutcome.AlreadyConfirmed) {
                LOG.log(System.Logger.Level.INFO, "Lock {0} at chain {1} is a booking already; nothing was released",
                        lockRef, chainId);
            }
            return Optional.of(outcome);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not release lock {0} at chain {1}; it expires there on its own: {2}",
                    lockRef, chainId, e.toString());
            return Optional.empty();
        }
    }
}
