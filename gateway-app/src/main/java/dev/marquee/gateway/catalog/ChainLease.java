package dev.marquee.gateway.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's lease on one chain's sync, as this instance knows it: held from a successful take or renewal until
 * that term ends by this instance's clock. So a holder that cannot reach the database any more stops syncing when its
 * term ends, which is when another instance may take the lease.
 */
final class ChainLease {
    private static final Logger LOG = LoggerFactory.getLogger(ChainLease.class);

    private final String chainId;
    private final String instance;
    private final SyncLeases leases;
    private final Duration term;
    private final Clock clock;
    private Instant heldUntil = Instant.MIN;

    ChainLease(String chainId, String instance, SyncLeases leases, Duration term, Clock clock) {
        this.chainId = chainId;
        this.instance = instance;
        this.leases = leases;
        this.term = term;
        this.clock = clock;
    }

    /** How often the lease is renewed: three times a term, so that one slow or failed renewal does not lose it. */
    Duration renewEvery() {
        return term.dividedBy(3);
    }

    /**
     * Takes the lease, or renews it. A failure to reach the store is logged and keeps the term already won, no more.
     *
     * @return whether this instance holds the lease now
     */
    synchronized boolean renew() {
        boolean before = held();
        Instant now = clock.instant();
        try {
            heldUntil = leases.hold(chainId, instance, now, term) ? now.plus(term) : Instant.MIN;
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the sync lease of chain {}; it is held at most until {}", chainId,
                    before ? heldUntil : "not held", e);
        }
        boolean after = held();
        if (after != before) {
            LOG.info(after ? "This instance ({}) syncs chain {} now" : "This instance ({}) no longer syncs chain {}: another holds its lease",
                    instance, chainId);
        }
        return after;
    }

    synchronized boolean held() {
        return clock.instant().isBefore(heldUntil);
    }

    /** Hands the lease on at once (on shutdown), so another instance need not wait for the term to end. */
    synchronized void release() {
        if (!held()) {
            return;
        }
        heldUntil = Instant.MIN;
        try {
            leases.release(chainId, instance, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not release the sync lease of chain {}; another instance takes it when it expires", chainId, e);
        }
    }
}
