package dev.marquee.sandbox.catalog;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Fills the database before the server starts answering. */
@Singleton
public class CatalogStartup {
    private final CatalogService catalog;

    public CatalogStartup(CatalogService catalog) {
        this.catalog = catalog;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        catalog.ensureGenerated();
    }
}
