package dev.marquee.adapters;

import dev.marquee.spi.ReleaseOutcome;

/** What the adapters' deprecated {@code releaseLock} keeps doing for callers written against SPI version 2. */
public final class ConfirmedLocks {
    private ConfirmedLocks() {
    }

    /**
     * Passes a release's outcome on as version 2 did: nothing for a released lock, an exception for a
     * confirmed one.
     *
     * @throws IllegalStateException when the lock was confirmed
     */
    public static void refuseRelease(String chainId, String lockRef, ReleaseOutcome outcome) {
        if (outcome instanceof ReleaseOutcome.AlreadyConfirmed) {
            throw new IllegalStateException("chain " + chainId + ": lock " + lockRef
                    + " was confirmed and cannot be released; cancel its booking instead");
        }
    }
}
