package dev.marquee.gateway.catalog;

import dev.marquee.gateway.integration.Chain;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the gateway's copy of one chain's catalogue up to date: reads the changes since the chain's
 * stored cursor through its adapter, writes them, and swaps in a new in-memory {@link Catalog}.
 * A failed sync is recorded and changes nothing, so the chain's last good data keeps being served.
 */
@Singleton
public class CatalogSync {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSync.class);

    private final CatalogStore store;
    private final CatalogHolder holder;
    private final Clock clock;
    private final AtomicLong versions = new AtomicLong();
    private final java.util.Map<String, SyncStatus> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile long loadedRevision = -1;

    public CatalogSync(CatalogStore store, CatalogHolder holder, Clock clock) {
        this.store = store;
        this.holder = holder;
        this.clock = clock;
    }

    /**
     * Syncs one chain once.
     *
     * @return what was written
     * @throws RuntimeException whatever the chain or the database threw, after recording it
     */
    public AppliedChanges sync(Chain chain) {
        Instant started = clock.instant();
        try {
            CatalogCursor cursor = store.cursorOf(chain.id());
            CatalogChanges changes = chain.theatre().readCatalog(cursor);
            AppliedChanges applied = store.apply(chain.id(), changes, clock.instant(), holder.current());
            statuses.put(chain.id(), new SyncStatus(chain.id(), clock.instant(), clock.instant(), null, 0));
            if (applied.changedAnything()) {
                reload();
            }
            LOG.info("Synced chain {} ({} read) in {} ms: {} cities, {} cinemas, {} halls, {} movies, {} shows, {} retired, {} rejected",
                    chain.id(), cursor.isStart() ? "full" : "incremental", Duration.between(started, clock.instant()).toMillis(),
                    applied.cities(), applied.cinemas(), applied.halls(), applied.movies(), applied.shows(),
                    applied.showsRetired(), applied.rejected());
            return applied;
        } catch (Exception | Error e) {
            // Exception, not RuntimeException: transaction callbacks may rethrow a checked SQLException as is.
            statuses.compute(chain.id(), (id, last) -> new SyncStatus(id, clock.instant(),
                    last == null ? null : last.lastSuccessAt(), String.valueOf(e), last == null ? 1 : last.consecutiveFailures() + 1));
            try {
                store.recordFailure(chain.id(), String.valueOf(e), clock.instant());
            } catch (Exception recordFailed) {
                e.addSuppressed(recordFailed);
            }
            throw e;
        }
    }

    /**
     * Where a chain's sync stands, as this instance last saw it (loaded from the database at start).
     * Browse answers carry it, so clients can tell how old a chain's data is.
     */
    public SyncStatus statusOf(String chainId) {
        return statuses.getOrDefault(chainId, SyncStatus.never(chainId));
    }

    /**
     * Loads what other instances synced: the chains' sync statuses always (a few rows), the catalogue when the stored
     * revision moved since this instance last loaded it.
     *
     * @return whether the catalogue was loaded again
     */
    public boolean reloadIfChanged() {
        store.syncStatuses().forEach(status -> statuses.put(status.chainId(), status));
        if (store.revision() == loadedRevision) {
            return false;
        }
        reload();
        return true;
    }

    /** Rebuilds the in-memory catalogue from the database, for example at startup. */
    public void reload() {
        reloading.lock();
        try {
            if (statuses.isEmpty()) {
                store.syncStatuses().forEach(status -> statuses.putIfAbsent(status.chainId(), status));
            }
            CatalogStore.RevisedCatalog loaded = store.loadRevised(versions.incrementAndGet());
            Catalog catalog = loaded.catalog();
            holder.replace(catalog);
            loadedRevision = loaded.revision();
            LOG.debug("Catalogue version {} has {} cinemas, {} movies, {} shows", catalog.version(),
                    catalog.cinemas().size(), catalog.movies().size(), catalog.showCount());
        } finally {
            reloading.unlock();
        }
    }
}
