package dev.marquee.gateway.testing;

import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainConfiguration;
import dev.marquee.spi.TheatreAdapter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** Builds {@link Chain}s around test adapters without going through configuration. */
public final class Chains {
    private Chains() {
    }

    public static Chain of(String id, TheatreAdapter adapter) {
        return new Chain(id, id, "scripted", adapter, CircuitBreaker.ofDefaults(id),
                new ChainConfiguration(id, id, "scripted", null, null, null, null, null, null));
    }
}
