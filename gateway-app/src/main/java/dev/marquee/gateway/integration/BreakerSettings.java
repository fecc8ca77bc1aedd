package dev.marquee.gateway.integration;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * A chain's circuit breaker settings. The defaults open the breaker after about ten calls of which
 * half failed: Resilience4j's own defaults would wait for a hundred.
 *
 * @param failureRateThreshold percentage of failed calls that opens the breaker
 * @param slidingWindowSize how many recent calls are counted
 * @param minimumCalls how many calls are needed before the rate counts
 * @param openDuration how long the breaker stays open before letting trial calls through
 */
@Introspected
public record BreakerSettings(
        @Nullable Float failureRateThreshold,
        @Nullable Integer slidingWindowSize,
        @Nullable Integer minimumCalls,
        @Nullable Duration openDuration) {

    public static final BreakerSettings DEFAULTS = new BreakerSettings(50f, 10, 6, Duration.ofSeconds(20));

    public float failureRate() {
        return failureRateThreshold == null ? DEFAULTS.failureRateThreshold : failureRateThreshold;
    }

    public int window() {
        return slidingWindowSize == null ? DEFAULTS.slidingWindowSize : slidingWindowSize;
    }

    public int minimum() {
        return minimumCalls == null ? DEFAULTS.minimumCalls : minimumCalls;
    }

    public Duration open() {
        return openDuration == null ? DEFAULTS.openDuration : openDuration;
    }
}
