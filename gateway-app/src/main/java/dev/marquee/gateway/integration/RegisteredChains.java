package dev.marquee.gateway.integration;

import dev.marquee.booking.chains.Chains;
import dev.marquee.spi.TheatreAdapter;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The booking core's view of the chains: each configured chain's adapter, behind its circuit breaker. */
@Singleton
public class RegisteredChains implements Chains {
    private final ChainRegistry registry;

    public RegisteredChains(ChainRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<TheatreAdapter> theatre(String chainId) {
        return registry.chain(chainId).map(Chain::theatre);
    }
}
