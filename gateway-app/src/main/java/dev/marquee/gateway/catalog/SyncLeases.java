package dev.marquee.gateway.catalog;

import java.time.Duration;
import java.time.Instant;

/**
 * Who syncs which chain: at most one holder of a chain's lease at any time. A holder keeps the lease by renewing
 * it before it expires; anyone may take a lease that has expired or was never taken, so a dead holder's chains are
 * taken over once its last term ends. Times are the caller's clock.
 */
public interface SyncLeases {

    /**
     * Takes the chain's lease for {@code holder}, or renews it when {@code holder} holds it already.
     *
     * @return whether {@code holder} holds the lease until {@code now + term}; false when someone else holds an
     *         unexpired lease
     */
    boolean hold(String chainId, String holder, Instant now, Duration term);

    /** Gives the lease up if {@code holder} holds it, so another instance may take it at once; otherwise nothing. */
    void release(String chainId, String holder, Instant now);
}
