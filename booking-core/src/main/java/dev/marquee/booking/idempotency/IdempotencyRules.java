package dev.marquee.booking.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * @param lease how long a running request owns its key; a request still unanswered after this (its
 *     instance died) can be taken over by a retry
 * @param retention how long a key and its answer are kept
 * @param waitForRunning how long a repeat waits for the first request with its key to answer
 * @param lookAgainEvery how often the waiting repeat looks again
 */
public record IdempotencyRules(Duration lease, Duration retention, Duration waitForRunning, Duration lookAgainEvery) {
    public IdempotencyRules {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(waitForRunning, "waitForRunning");
        Objects.requireNonNull(lookAgainEvery, "lookAgainEvery");
        if (lease.isNegative() || lease.isZero() || retention.compareTo(lease) <= 0) {
            throw new IllegalArgumentException("the lease must be positive and shorter than the retention: " + lease + ", "
                    + retention);
        }
    }

    /** A 30 s lease, the given retention, and a repeat waits up to 10 s, looking every 50 ms. */
    public static IdempotencyRules withRetention(Duration retention) {
        return of(Duration.ofSeconds(30), retention);
    }

    /** The given lease and retention; a repeat waits up to 10 s, looking every 50 ms. */
    public static IdempotencyRules of(Duration lease, Duration retention) {
        return new IdempotencyRules(lease, retention, Duration.ofSeconds(10), Duration.ofMillis(50));
    }
}
