package dev.marquee.gateway.holds;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts each client's hold requests per clock minute, against mass booking by scripts. Counts live
 * in memory per gateway instance; a client spread over several instances gets a limit per instance.
 */
@Singleton
public class ClientRateLimiter {
    private final Clock clock;
    private final int perMinute;
    private final Cache<String, AtomicInteger> counts = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(2))
            .maximumSize(100_000)
            .build();

    public ClientRateLimiter(Clock clock, HoldSettings settings) {
        this.clock = clock;
        this.perMinute = settings.requestsPerMinute();
    }

    /**
     * Counts one request of a client.
     *
     * @return empty when it may go on; otherwise the seconds until it may try again
     */
    public OptionalLong admit(String client) {
        long millis = clock.millis();
        long minute = millis / 60_000;
        AtomicInteger count = counts.get(client + "@" + minute, k -> new AtomicInteger());
        if (count.incrementAndGet() <= perMinute) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (60_000 - millis % 60_000 + 999) / 1000));
    }
}
