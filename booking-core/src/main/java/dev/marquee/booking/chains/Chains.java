package dev.marquee.booking.chains;

import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreUnavailableException;
import java.util.Optional;

/** The chains the gateway serves, each reached through its adapter (guarded by the gateway's breaker). */
@FunctionalInterface
public interface Chains {

    /** The chain's adapter, if the chain is configured. */
    Optional<TheatreAdapter> theatre(String chainId);

    /**
     * The chain's adapter.
     *
     * @throws TheatreUnavailableException when the chain is not configured (any more)
     */
    default TheatreAdapter require(String chainId) {
        return theatre(chainId).orElseThrow(() -> new TheatreUnavailableException(chainId, "chain is not configured", null));
    }
}
