package dev.marquee.gateway.integration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Map;

/**
 * One theatre chain, from {@code marquee.chains.<id>.*}.
 *
 * @param id the chain's gateway id, a lower-case slug; it prefixes the ids of everything the chain owns
 * @param name display name, defaults to the id
 * @param adapter the {@code TheatreAdapterFactory.type()} to use ("rest", "jdbc")
 * @param settings the adapter's settings
 * @param syncInterval time between catalogue syncs, default 60 s
 * @param seatMapTtl how long a seat availability answer is reused, default 2 s
 * @param breaker the chain's circuit breaker
 * @param maxConcurrentConfirms paid bookings this instance confirms at the chain at once, default 16; fewer while the
 *        chain struggles (see {@link ConfirmLimit})
 * @param slowConfirm a confirmation that takes longer counts as the chain struggling, default 2 s
 */
@EachProperty("marquee.chains")
public record ChainConfiguration(
        @Parameter String id,
        @Nullable String name,
        String adapter,
        @Nullable Map<String, String> settings,
        @Nullable Duration syncInterval,
        @Nullable Duration seatMapTtl,
        @Nullable Breaker breaker,
        @Nullable Integer maxConcurrentConfirms,
        @Nullable Duration slowConfirm) {

    public static final int DEFAULT_MAX_CONCURRENT_CONFIRMS = 16;

    public Duration confirmSlowAfter() {
        return slowConfirm == null ? Duration.ofSeconds(2) : slowConfirm;
    }

    public int confirmConcurrency() {
        return maxConcurrentConfirms == null ? DEFAULT_MAX_CONCURRENT_CONFIRMS : maxConcurrentConfirms;
    }

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    public Map<String, String> adapterSettings() {
        return settings == null ? Map.of() : Map.copyOf(settings);
    }

    public Duration syncEvery() {
        return syncInterval == null ? Duration.ofSeconds(60) : syncInterval;
    }

    public Duration seatMapFreshness() {
        return seatMapTtl == null ? Duration.ofSeconds(2) : seatMapTtl;
    }

    public BreakerSettings breakerSettings() {
        return breaker == null ? BreakerSettings.DEFAULTS : breaker.settings();
    }

    /**
     * {@code marquee.chains.<id>.breaker.*}. A nested configuration has to be an inner
     * {@code @ConfigurationProperties} type for Micronaut to bind it under the chain's prefix: a plain
     * record parameter is left null, which silently gave every chain the default breaker.
     */
    @ConfigurationProperties("breaker")
    public record Breaker(
            @Nullable Float failureRateThreshold,
            @Nullable Integer slidingWindowSize,
            @Nullable Integer minimumCalls,
            @Nullable Duration openDuration) {

        BreakerSettings settings() {
            return new BreakerSettings(failureRateThreshold, slidingWindowSize, minimumCalls, openDuration);
        }
    }
}
