package dev.marquee.gateway.integration;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How many paid bookings one instance asks a chain to confirm at once. Adaptive by default (AIMD, as TCP's congestion
 * window): the limit starts at the chain's {@code max-concurrent-confirms}, is halved each time a confirmation times
 * out, finds the chain unavailable or takes longer than {@code slow-confirm}, and grows by one with each confirmation
 * that went well while at least half of it was in use. Each instance adapts to what the chain answers it, so N
 * instances together back off when the chain struggles instead of sending it N × the maximum.
 */
final class ConfirmLimit {
    private final SimpleLimiter<Void> limiter;
    private final Limiter<Void> waiting;

    private ConfirmLimit(String chainId, Limit limit, Duration wait) {
        this.limiter = SimpleLimiter.newBuilder().named("confirms-" + chainId).limit(limit).build();
        this.waiting = BlockingLimiter.wrap(limiter, wait);
    }

    /** Adapts between 1 and {@code most}, starting at {@code most}. */
    static ConfirmLimit adaptive(String chainId, int most, Duration slowAfter, Duration wait) {
        return new ConfirmLimit(chainId, AIMDLimit.newBuilder().initialLimit(most).minLimit(1).maxLimit(most).backoffRatio(0.5)
                .timeout(slowAfter.toNanos(), TimeUnit.NANOSECONDS).build(), wait);
    }

    /** Always {@code most}, whatever the chain answers. */
    static ConfirmLimit fixed(String chainId, int most, Duration wait) {
        return new ConfirmLimit(chainId, FixedLimit.of(most), wait);
    }

    /** A slot for one confirmation, waiting for one at most the configured wait; empty when none came free. */
    Optional<Limiter.Listener> acquire() {
        return waiting.acquire(null);
    }

    int limit() {
        return limiter.getLimit();
    }

    int inFlight() {
        return limiter.getInflight();
    }
}
