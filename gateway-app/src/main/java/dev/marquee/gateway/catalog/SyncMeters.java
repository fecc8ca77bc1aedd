package dev.marquee.gateway.catalog;

import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Per chain: {@code marquee_catalog_sync_lag_seconds{chain}}, the age of the chain's last good sync (whichever instance
 * made it; a chain never synced counts from this instance's start), {@code marquee_catalog_sync_failures{chain}}, failed
 * syncs since the last good one, and {@code marquee_catalog_sync_leased{chain}}, 1 on the instance that syncs it.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class SyncMeters implements MeterBinder {
    private final ChainRegistry chains;
    // Resolved at the first scrape, not when the registry is built: the data source's own metrics need the registry.
    private final BeanProvider<CatalogSync> sync;
    private final BeanProvider<CatalogSyncScheduler> scheduler;
    private final Clock clock;
    private final Instant started;

    public SyncMeters(ChainRegistry chains, BeanProvider<CatalogSync> sync, BeanProvider<CatalogSyncScheduler> scheduler, Clock clock) {
        this.chains = chains;
        this.sync = sync;
        this.scheduler = scheduler;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Chain chain : chains.all()) {
            String id = chain.id();
            Gauge.builder("marquee.catalog.sync.lag", this, meters -> meters.lagSeconds(id)).tag("chain", id).baseUnit("seconds")
                    .description("Age of the chain's last good catalogue sync").register(registry);
            Gauge.builder("marquee.catalog.sync.failures", this, meters -> meters.sync.get().statusOf(id).consecutiveFailures())
                    .tag("chain", id).description("Failed syncs of the chain since its last good one").register(registry);
            Gauge.builder("marquee.catalog.sync.leased", this, meters -> meters.leased(id)).tag("chain", id)
                    .description("1 on the instance that holds the chain's sync lease (syncs it), 0 on the others")
                    .register(registry);
        }
    }

    double lagSeconds(String chainId) {
        Instant lastGood = sync.get().statusOf(chainId).lastSuccessAt();
        return Math.max(0, Duration.between(lastGood == null ? started : lastGood, clock.instant()).toMillis() / 1000.0);
    }

    double leased(String chainId) {
        return scheduler.find(null).map(s -> s.syncs(chainId) ? 1.0 : 0.0).orElse(0.0);
    }
}
