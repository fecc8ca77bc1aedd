package dev.marquee.gateway.waitingroom;

import dev.marquee.booking.waitingroom.WaitingRoom;
import dev.marquee.gateway.broadcast.Broadcasts;
import dev.marquee.gateway.broadcast.Topic;
import io.micronaut.context.annotation.Requires;
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
 * Admits from every queue of a show in queue mode, each {@code admit-interval}, on every instance. Instances take
 * turns on each show's gate row, and the number admitted comes from the rate and the time since the last admissions,
 * so more instances do not admit more people.
 */
@Singleton
@Requires(property = "marquee.waiting-room.admit", notEquals = "false")
public class Admitter {
    private static final Logger LOG = LoggerFactory.getLogger(Admitter.class);

    private final WaitingRoom room;
    private final Broadcasts broadcasts;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("queue-admitter").daemon(true).factory());

    public Admitter(WaitingRoom room, WaitingRoomSettings settings, Broadcasts broadcasts) {
        this.room = room;
        this.broadcasts = broadcasts;
        this.interval = settings.admitInterval();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.scheduleWithFixedDelay(this::admit, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void admit() {
        try {
            for (String showId : room.showsWithWaiting()) {
                admit(showId);
            }
        } catch (Exception e) {
            LOG.warn("Admitting from the queues failed; trying again in {}", interval, e);
        }
    }

    /** Admits whoever is due in the show's queue; once committed, every instance wakes the watchers of that queue. */
    private void admit(String showId) {
        try {
            if (room.admitDue(showId) > 0) {
                broadcasts.announce(Topic.QUEUE, showId);
            }
        } catch (Exception e) {
            LOG.warn("Admitting from the queue of show {} failed; trying again in {}", showId, interval, e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
