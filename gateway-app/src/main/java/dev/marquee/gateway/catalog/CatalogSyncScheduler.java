package dev.marquee.gateway.catalog;

import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs each chain on the chain's own interval, on the one instance that holds the chain's lease (see
 * {@link SyncLeases}), and loads on every instance what the syncing instances wrote. Each chain has its own schedule,
 * so a slow or failing chain never holds up another; after a failure the chain is retried sooner, backing off up to
 * its normal interval. Leases are renewed on a thread of their own, so a long sync never lets its lease run out.
 */
@Singleton
@Requires(property = "marquee.sync.enabled", notEquals = "false")
public class CatalogSyncScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSyncScheduler.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    private final ChainRegistry chains;
    private final CatalogSync sync;
    private final SyncLeases leases;
    private final SyncSettings settings;
    private final Clock clock;
    private final String instance = instanceName();
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService leaseKeeper;
    private final Map<String, ChainLease> chainLeases = new ConcurrentHashMap<>();

    public CatalogSyncScheduler(ChainRegistry chains, CatalogSync sync, JdbcSyncLeases leases, SyncSettings settings, Clock clock) {
        this.chains = chains;
        this.sync = sync;
        this.leases = settings.oneSyncerPerChain() ? leases : EVERY_INSTANCE_SYNCS;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = Executors.newScheduledThreadPool(settings.threads(), Thread.ofPlatform()
                .name("catalog-sync-", 0).daemon(true).factory());
        this.leaseKeeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("catalog-sync-leases").daemon(true).factory());
    }

    @EventListener
    void onStartup(StartupEvent event) {
        sync.reload();
        if (!settings.oneSyncerPerChain()) {
            LOG.info("Every instance syncs every chain (marquee.sync.one-syncer-per-chain=false)");
        }
        for (Chain chain : chains.all()) {
            ChainLease lease = new ChainLease(chain.id(), instance, leases,
                    settings.leaseTermFor(chain.configuration().syncEvery()), clock);
            chainLeases.put(chain.id(), lease);
            long renewMillis = lease.renewEvery().toMillis();
            leaseKeeper.scheduleWithFixedDelay(lease::renew, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
            scheduler.execute(() -> runAndReschedule(chain, lease, FIRST_RETRY));
        }
        long watchMillis = settings.watchEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::loadWhatOthersSynced, watchMillis, watchMillis, TimeUnit.MILLISECONDS);
    }

    private void runAndReschedule(Chain chain, ChainLease lease, Duration retryDelay) {
        if (!lease.held() && !lease.renew()) {
            // Another instance syncs this chain; look again soon, to take over when its lease runs out.
            schedule(() -> runAndReschedule(chain, lease, FIRST_RETRY), lease.renewEvery());
            return;
        }
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
        schedule(() -> runAndReschedule(chain, lease, retry), next);
    }

    private void loadWhatOthersSynced() {
        try {
            sync.reloadIfChanged();
        } catch (Exception | Error e) {
            LOG.warn("Could not read the stored catalogue's revision; this instance serves the catalogue it has", e);
        }
    }

    private void schedule(Runnable task, Duration after) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether this instance syncs the chain now: it holds the chain's lease. */
    public boolean syncs(String chainId) {
        ChainLease lease = chainLeases.get(chainId);
        return lease != null && lease.held();
    }

    /** Where this instance's leases are seen, in {@code chain_sync_leases.holder}: host, process id and a random part. */
    String instance() {
        return instance;
    }

    @PreDestroy
    void stop() {
        leaseKeeper.shutdownNow();
        scheduler.shutdownNow();
        chainLeases.values().forEach(ChainLease::release);
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        host = host.length() > 150 ? host.substring(0, 150) : host;
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + HexFormat.of().formatHex(random);
    }

    /** Without a lease: every instance holds every chain's, as if alone. */
    private static final SyncLeases EVERY_INSTANCE_SYNCS = new SyncLeases() {
        @Override
        public boolean hold(String chainId, String holder, Instant now, Duration term) {
            return true;
        }

        @Override
        public void release(String chainId, String holder, Instant now) {
        }
    };
}
