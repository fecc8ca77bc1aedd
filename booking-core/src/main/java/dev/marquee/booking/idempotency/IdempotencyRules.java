package dev.marquee.booking.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * @param lease how long a request that gives back an effect it could not finish holds its key; should its instance
 *     die meanwhile, a repeat runs again after this
 * @param retention how long a key and its answer are kept
 */
public record IdempotencyRules(Duration lease, Duration retention) {
    public IdempotencyRules {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(retention, "retention");
        if (lease.isNegative() || lease.isZero() || retention.compareTo(lease) <= 0) {
            throw new IllegalArgumentException("the lease must be positive and shorter than the retention: " + lease + ", "
                    + retention);
        }
    }

    /** A 30 s lease and the given retention. */
    public static IdempotencyRules withRetention(Duration retention) {
        return of(Duration.ofSeconds(30), retention);
    }

    /** The given lease and retention. */
    public static IdempotencyRules of(Duration lease, Duration retention) {
        return new IdempotencyRules(lease, retention);
    }
}
