package dev.marquee.gateway.seating;

import dev.marquee.booking.shows.SeatWatch;
import dev.marquee.booking.shows.SeatsFreed;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a show's seat map up to date when the booking rules change its seats (on this instance before the change's
 * request is answered, and on the other instances through their notices), and announces freed seats.
 */
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
        try {
            seatMaps.seatsChanged(showId);
        } catch (RuntimeException e) {
            // The change has happened; the map catches up with the chain's next answer read ahead.
            LOG.warn("Updating the seat map of show {} failed", showId, e);
        }
    }

    /** A notice that cannot be written fails the change's transaction, as any write in it would. */
    @Override
    public SeatChange changing(String showId) {
        SeatMapNotices.Announced announced = seatMaps.changing(showId);
        return new SeatChange() {
            @Override
            public void committed() {
                try {
                    seatMaps.changed(showId, announced);
                } catch (RuntimeException e) {
                    LOG.warn("Updating the seat map of show {} failed", showId, e);
                }
            }

            @Override
            public void abandoned() {
                announced.abandon();
            }
        };
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
