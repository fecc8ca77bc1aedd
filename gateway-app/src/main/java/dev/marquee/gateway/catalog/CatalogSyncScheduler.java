package dev.marquee.gateway.catalog;

import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs every chain at startup and then on the chain's own interval. Each chain has its own schedule,
 * so a slow or failing chain never holds up another; after a failure the chain is retried sooner,
 * backing off up to its normal interval.
 */
@Singleton
@Requires(property = "marquee.sync.enabled", notEquals = "false")
public class CatalogSyncScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSyncScheduler.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    private final ChainRegistry chains;
    private final CatalogSync sync;
    private final ScheduledExecutorService scheduler;

    public CatalogSyncScheduler(ChainRegistry chains, CatalogSync sync,
            @Value("${marquee.sync.threads:4}") int threads) {
        this.chains = chains;
        this.sync = sync;
        this.scheduler = Executors.newScheduledThreadPool(Math.max(1, threads), Thread.ofPlatform()
                .name("catalog-sync-", 0).daemon(true).factory());
    }

    @EventListener
    void onStartup(StartupEvent event) {
        sync.reload();
        for (Chain chain : chains.all()) {
            scheduler.execute(() -> runAndReschedule(chain, FIRST_RETRY));
        }
    }

    private void runAndReschedule(Chain chain, Duration retryDelay) {
        Duration interval = chain.configuration().syncEvery();
        Duration next;
        Duration nextRetry = FIRST_RETRY;
        try {
            sync.sync(chain);
            next = interval;
        } catch (Exception | Error e) {
            // Anything is caught (JDBC callbacks may rethrow checked exceptions unchecked): a task that
            // throws would silently never be scheduled again.
            next = retryDelay.compareTo(interval) < 0 ? retryDelay : interval;
            nextRetry = retryDelay.multipliedBy(2);
            LOG.warn("Sync of chain {} failed; its last good catalogue stays in service, retrying in {} s",
                    chain.id(), next.toSeconds(), e);
        }
        Duration retry = nextRetry;
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> runAndReschedule(chain, retry), next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
