package dev.marquee.booking.holds;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits a hold is placed within.
 *
 * @param ttl how long a hold lasts
 * @param chainMargin how much longer the chain's lock lives than the gateway's hold, so the gateway never
 *     believes in a lock the chain has dropped
 * @param maxSeatsPerHold seats one hold may take
 * @param maxSeatsPerEmail seats one email may hold at once for one show
 */
public record HoldRules(Duration ttl, Duration chainMargin, int maxSeatsPerHold, int maxSeatsPerEmail) {
    public HoldRules {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(chainMargin, "chainMargin");
        if (ttl.isNegative() || ttl.isZero() || chainMargin.isNegative() || chainMargin.isZero()) {
            throw new IllegalArgumentException("ttl and chainMargin must be positive: " + ttl + ", " + chainMargin);
        }
        if (maxSeatsPerHold < 1 || maxSeatsPerEmail < 1) {
            throw new IllegalArgumentException("seat limits must be at least 1: " + maxSeatsPerHold + ", " + maxSeatsPerEmail);
        }
    }

    /** Five minutes, a 30 s margin, 10 seats per hold and per email and show. */
    public static HoldRules defaults() {
        return new HoldRules(Duration.ofMinutes(5), Duration.ofSeconds(30), 10, 10);
    }
}
