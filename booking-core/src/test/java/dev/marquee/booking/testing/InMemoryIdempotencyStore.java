package dev.marquee.booking.testing;

import dev.marquee.booking.idempotency.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency keys in memory. Every method is synchronized, so of concurrent inserts of one key exactly one
 * wins.
 */
public class InMemoryIdempotencyStore implements IdempotencyStore {
    private final Map<String, StoredKey> keys = new HashMap<>();

    @Override
    public synchronized boolean insertIfAbsent(StoredKey key) {
        return keys.putIfAbsent(key.key(), key) == null;
    }

    @Override
    public synchronized Optional<StoredKey> find(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    @Override
    public synchronized boolean deleteStale(String key, Instant now) {
        StoredKey stored = keys.get(key);
        if (stored == null || !stored.isStaleAt(now)) {
            return false;
        }
        keys.remove(key);
        return true;
    }

    @Override
    public synchronized void releaseClaim(StoredKey claim) {
        StoredKey stored = keys.get(claim.key());
        if (stored != null && !stored.completed() && stored.lockedUntil().equals(claim.lockedUntil())) {
            keys.remove(claim.key());
        }
    }

    /** Deletes the key whatever it is now: what the contract's control runs use to act without a guard. */
    protected synchronized void remove(String key) {
        keys.remove(key);
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = keys.size();
        keys.values().removeIf(k -> !k.expiresAt().isAfter(now));
        return before - keys.size();
    }
}
