package dev.marquee.sandbox.catalog;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fills the database before the server starts answering. */
@Singleton
public class CatalogStartup {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStartup.class);

    private final CatalogService catalog;
    private final ExecutorService blocking;

    public CatalogStartup(CatalogService catalog, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.catalog = catalog;
        this.blocking = blocking;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        catalog.ensureGenerated();
        logRequestThreads();
    }

    private void logRequestThreads() {
        try {
            boolean virtual = blocking.submit(() -> Thread.currentThread().isVirtual()).get();
            LOG.info("Theatre and admin requests run on {} threads", virtual ? "virtual" : "platform");
        } catch (ExecutionException e) {
            LOG.warn("Could not tell what threads requests run on: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
