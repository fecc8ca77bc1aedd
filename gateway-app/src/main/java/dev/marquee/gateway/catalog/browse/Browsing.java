package dev.marquee.gateway.catalog.browse;

import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import jakarta.inject.Singleton;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.SyncStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Hands out a {@link Browse} over the current catalogue at the current time. */
@Singleton
public class Browsing {
    private final CatalogHolder catalogs;
    private final ChainRegistry chains;
    private final Clock clock;
    private final CatalogSync sync;

    public Browsing(CatalogHolder catalogs, ChainRegistry chains, CatalogSync sync, Clock clock) {
        this.sync = sync;
        this.catalogs = catalogs;
        this.chains = chains;
        this.clock = clock;
    }

    public Browse now() {
        return new Browse(catalogs.current(), clock.instant(), this::chainRef);
    }

    /** A chain's display name; a chain no longer configured keeps its catalogue and is named by its id. */
    public String chainName(String chainId) {
        return chains.chain(chainId).map(Chain::name).orElse(chainId);
    }

    /** A chain with the age of its catalogue; stale when its last sync failed or its breaker is open. */
    public Refs.ChainRef chainRef(String chainId) {
        SyncStatus status = sync.statusOf(chainId);
        boolean breakerOpen = chains.chain(chainId).map(c -> c.breaker().getState() == CircuitBreaker.State.OPEN).orElse(false);
        Instant syncedAt = status.lastSuccessAt();
        return new Refs.ChainRef(chainId, chainName(chainId), syncedAt,
                syncedAt == null ? null : Math.max(0, Duration.between(syncedAt, clock.instant()).toSeconds()),
                breakerOpen || status.consecutiveFailures() > 0);
    }
}
