package dev.marquee.gateway.integration;

import dev.marquee.spi.TheatreAdapter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * A configured theatre chain at run time.
 *
 * @param id gateway id of the chain
 * @param name display name
 * @param adapterType the adapter type it uses
 * @param theatre its adapter, every call guarded by {@link #breaker()}
 * @param breaker the chain's circuit breaker
 * @param configuration what it was configured with
 */
public record Chain(String id, String name, String adapterType, TheatreAdapter theatre, CircuitBreaker breaker,
        ChainConfiguration configuration) {
}
