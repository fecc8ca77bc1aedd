package dev.marquee.gateway.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Chain sync leases in memory, following the same rules as the JDBC store ({@link SyncLeasesContract}). */
public final class InMemorySyncLeases implements SyncLeases {
    private record Lease(String holder, Instant expiresAt) {
    }

    private final Map<String, Lease> leases = new HashMap<>();

    @Override
    public synchronized boolean hold(String chainId, String holder, Instant now, Duration term) {
        Lease lease = leases.get(chainId);
        if (lease != null && !lease.holder().equals(holder) && lease.expiresAt().isAfter(now)) {
            return false;
        }
        leases.put(chainId, new Lease(holder, now.plus(term)));
        return true;
    }

    @Override
    public synchronized void release(String chainId, String holder, Instant now) {
        Lease lease = leases.get(chainId);
        if (lease != null && lease.holder().equals(holder) && lease.expiresAt().isAfter(now)) {
            leases.put(chainId, new Lease(holder, now));
        }
    }
}
