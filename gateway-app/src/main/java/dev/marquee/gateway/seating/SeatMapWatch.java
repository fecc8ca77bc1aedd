package dev.marquee.gateway.seating;

import dev.marquee.booking.shows.SeatWatch;
import dev.marquee.booking.shows.SeatsFreed;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drops a show's cached seat map when the booking rules change its seats, and announces freed seats. */
@Singleton
public class SeatMapWatch implements SeatWatch {
    private static final Logger LOG = LoggerFactory.getLogger(SeatMapWatch.class);

    private final SeatMapService seatMaps;
    private final ApplicationEventPublisher<SeatsFreed> freed;

    public SeatMapWatch(SeatMapService seatMaps, ApplicationEventPublisher<SeatsFreed> freed) {
        this.seatMaps = seatMaps;
        this.freed = freed;
    }

    @Override
    public void seatsChanged(String showId) {
        seatMaps.forget(showId);
    }

    @Override
    public void seatsFreed(SeatsFreed event) {
        try {
            freed.publishEvent(event);
        } catch (RuntimeException e) {
            // The seats are free either way; the periodic waitlist round will find them.
            LOG.warn("Announcing freed seats {} of show {} failed", event.seatIds(), event.showId(), e);
        }
    }
}
