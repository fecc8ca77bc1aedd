package dev.marquee.gateway.catalog;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How chains' catalogues are synced, from {@code marquee.sync.*} ({@code marquee.sync.enabled=false} switches syncing
 * off altogether; each chain's interval is {@code marquee.chains.<id>.sync-interval}).
 *
 * @param threads chains synced at once by this instance (default 4)
 * @param oneSyncerPerChain whether a chain is synced by one instance at a time, the holder of its lease (default true);
 *     false: every instance syncs every chain, as each did before instances shared a database
 * @param leaseDuration how long a chain's lease lasts unless renewed (default 15 s; at most half the chain's interval
 *     is used), renewed every third of it: an instance that dies is replaced within four thirds of it
 * @param watchEvery how often an instance reads the stored catalogue's revision and the chains' sync statuses, to load
 *     what other instances synced (default 1 s)
 */
@ConfigurationProperties("marquee.sync")
public record SyncSettings(
        @Nullable Integer threads,
        @Nullable Boolean oneSyncerPerChain,
        @Nullable Duration leaseDuration,
        @Nullable Duration watchEvery) {

    public SyncSettings {
        threads = threads == null ? 4 : threads;
        oneSyncerPerChain = oneSyncerPerChain == null || oneSyncerPerChain;
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(15) : leaseDuration;
        watchEvery = watchEvery == null ? Duration.ofSeconds(1) : watchEvery;
        if (threads < 1) {
            throw new ConfigurationException("marquee.sync.threads must be at least 1, got " + threads);
        }
        if (leaseDuration.compareTo(Duration.ofMillis(300)) < 0) {
            throw new ConfigurationException("marquee.sync.lease-duration must be at least 300ms, got " + leaseDuration);
        }
        if (watchEvery.isNegative() || watchEvery.isZero()) {
            throw new ConfigurationException("marquee.sync.watch-every must be positive, got " + watchEvery);
        }
    }

    public static SyncSettings defaults() {
        return new SyncSettings(null, null, null, null);
    }

    /**
     * The lease term for a chain synced every {@code interval}: the configured duration, but at most half the interval,
     * so that a dead holder's chain is taken over (after its term, plus a third of it to notice) within one interval.
     */
    public Duration leaseTermFor(Duration interval) {
        Duration half = interval.dividedBy(2);
        return leaseDuration.compareTo(half) <= 0 ? leaseDuration : half;
    }
}
