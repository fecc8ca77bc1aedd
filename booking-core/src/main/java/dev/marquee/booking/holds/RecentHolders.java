package dev.marquee.booking.holds;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emails this instance recorded holds for, per show, until those holds expire: the only ones whose seats are worth
 * counting before a lock. Someone's first hold of a show, the usual case, then costs no read before the chain is
 * asked. Only a hint: a hold placed through another instance, or before a restart, is not in it, and then the
 * count made when the hold is recorded (which is always made) refuses it and its lock is given back.
 */
final class RecentHolders {
    /** Past holds are dropped once every this many recordings. */
    private static final int PRUNE_EVERY = 1024;

    private final ConcurrentHashMap<String, Instant> holdingUntil = new ConcurrentHashMap<>();
    private final AtomicInteger recordings = new AtomicInteger();

    void recorded(String email, String showId, Instant expiresAt, Instant now) {
        holdingUntil.merge(key(email, showId), expiresAt, (a, b) -> a.isAfter(b) ? a : b);
        if (recordings.incrementAndGet() % PRUNE_EVERY == 0) {
            holdingUntil.values().removeIf(until -> !until.isAfter(now));
        }
    }

    /** Whether the email may hold seats of the show now, as far as this instance knows. */
    boolean mayHold(String email, String showId, Instant now) {
        Instant until = holdingUntil.get(key(email, showId));
        return until != null && until.isAfter(now);
    }

    private static String key(String email, String showId) {
        return showId + '\n' + email;
    }
}
