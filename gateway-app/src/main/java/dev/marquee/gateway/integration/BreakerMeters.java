package dev.marquee.gateway.integration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/**
 * Each chain's circuit breaker state as this instance sees it ({@code marquee_chain_breaker_state{chain, state}}): 1 for
 * the state it is in, 0 for the others. An open breaker answers calls to its chain at once with a failure.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class BreakerMeters implements MeterBinder {
    static final String NAME = "marquee.chain.breaker.state";
    private static final List<CircuitBreaker.State> STATES = List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
            CircuitBreaker.State.HALF_OPEN);

    private final ChainRegistry chains;

    public BreakerMeters(ChainRegistry chains) {
        this.chains = chains;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Chain chain : chains.all()) {
            for (CircuitBreaker.State state : STATES) {
                Gauge.builder(NAME, chain.breaker(), breaker -> breaker.getState() == state ? 1 : 0)
                        .tag("chain", chain.id()).tag("state", state.name().toLowerCase(Locale.ROOT))
                        .description("1 for the state each chain's circuit breaker is in on this instance, 0 for the others")
                        .register(registry);
            }
        }
    }
}
