package dev.marquee.gateway.catalog.browse;

import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Hands out a {@link Browse} over the current catalogue at the current time. */
@Singleton
public class Browsing {
    private final CatalogHolder catalogs;
    private final ChainRegistry chains;
    private final Clock clock;

    public Browsing(CatalogHolder catalogs, ChainRegistry chains, Clock clock) {
        this.catalogs = catalogs;
        this.chains = chains;
        this.clock = clock;
    }

    public Browse now() {
        return new Browse(catalogs.current(), clock.instant(), this::chainName);
    }

    /** A chain's display name; a chain no longer configured keeps its catalogue and is named by its id. */
    public String chainName(String chainId) {
        return chains.chain(chainId).map(Chain::name).orElse(chainId);
    }
}
