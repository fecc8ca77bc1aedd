package dev.marquee.gateway.metrics;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Duration;

/** How often gauges backed by a query or a broker call measure again at most ({@code marquee.metrics.sample-every}). */
@Singleton
public class SamplingSettings {
    private final Duration sampleEvery;

    public SamplingSettings(@Value("${marquee.metrics.sample-every:10s}") Duration sampleEvery) {
        if (sampleEvery.isNegative()) {
            throw new ConfigurationException("marquee.metrics.sample-every must not be negative, got " + sampleEvery);
        }
        this.sampleEvery = sampleEvery;
    }

    public Duration sampleEvery() {
        return sampleEvery;
    }
}
