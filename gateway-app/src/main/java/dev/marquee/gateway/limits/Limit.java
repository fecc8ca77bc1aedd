package dev.marquee.gateway.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * A rate: at most {@code count} in any {@code per}, refilled smoothly (a token every {@code per / count}), so a client
 * that used its count waits for one token, not for a whole window.
 *
 * @param name what is limited, the first part of every bucket's key (e.g. {@code writes-per-key})
 */
public record Limit(String name, long count, Duration per) {
    public Limit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(per, "per");
        if (count < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a limit needs a positive count and period: " + name);
        }
    }
}
