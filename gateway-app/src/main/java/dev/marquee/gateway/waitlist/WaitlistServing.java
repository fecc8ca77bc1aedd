package dev.marquee.gateway.waitlist;

import dev.marquee.booking.waitlist.Waitlist;
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
 * Serves every waitlist now and then, besides when the gateway frees seats itself: seats can also come
 * free at the chain (a booking cancelled at its box office, a lock of another seller expiring).
 */
@Singleton
@Requires(property = "marquee.waitlist.serve", notEquals = "false")
public class WaitlistServing {
    private static final Logger LOG = LoggerFactory.getLogger(WaitlistServing.class);

    private final Waitlist waitlist;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("waitlist-serving").daemon(true).factory());

    public WaitlistServing(Waitlist waitlist, @Value("${marquee.waitlist.serve-interval:15s}") Duration interval) {
        this.waitlist = waitlist;
        this.interval = interval;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(this::serve, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void serve() {
        try {
            waitlist.serveAll();
        } catch (Exception e) {
            LOG.warn("Serving the waitlists failed; trying again in {}", interval, e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
