package dev.marquee.gateway.catalog;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds the current {@link Catalog} and tells listeners (search index, caches) when it is replaced. */
@Singleton
public class CatalogHolder {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogHolder.class);

    private volatile Catalog current = Catalog.EMPTY;
    private final List<Consumer<Catalog>> listeners = new CopyOnWriteArrayList<>();

    public Catalog current() {
        return current;
    }

    /** Swaps in a new catalogue and tells every listener; a failing listener never breaks the swap. */
    public void replace(Catalog catalog) {
        current = catalog;
        for (Consumer<Catalog> listener : listeners) {
            try {
                listener.accept(catalog);
            } catch (RuntimeException e) {
                LOG.warn("Catalogue listener {} failed on version {}", listener, catalog.version(), e);
            }
        }
    }

    /** Registers a listener and hands it the current catalogue at once. */
    public void onReplace(Consumer<Catalog> listener) {
        listeners.add(listener);
        listener.accept(current);
    }
}
