package dev.marquee.gateway.seating;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.gateway.catalog.Hall;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.catalog.browse.Price;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Answer of {@code GET /api/v1/shows/{showId}/seats}: the hall's seats with the chain's live state.
 *
 * @param version this answer's version (also its ETag): a new one whenever a seat's state changes
 * @param availabilityReadAt when the chain gave the states
 * @param ageSeconds how old the states were when this version was made (the {@code Age} header says how old now)
 * @param stale true when the chain failed just now and these are its last answer
 * @param seatsAvailable how many seats are {@code AVAILABLE}
 * @param seats by row position, then left to right
 */
@Serdeable
public record SeatMap(
        String showId,
        String version,
        String hallId,
        String hallName,
        Instant availabilityReadAt,
        long ageSeconds,
        boolean stale,
        int seatsAvailable,
        List<SeatEntry> seats) {

    /** Lays the chain's answer over the hall's layout, pricing each seat by its category at this show. */
    public static SeatMap of(String version, Show show, Hall hall, SeatAvailability availability, Instant now, boolean stale) {
        List<SeatEntry> seats = hall.layout().seats().stream()
                .sorted(Comparator.comparingInt(Seat::y).thenComparingInt(Seat::x).thenComparing(Seat::ref))
                .map(seat -> new SeatEntry(seat.ref(), seat.row(), seat.number(), seat.x(), seat.y(), seat.category(),
                        show.priceOf(seat.category()).map(Price::of).orElse(null), availability.stateOf(seat.ref())))
                .toList();
        long age = Math.max(0, Duration.between(availability.readAt(), now).toSeconds());
        int available = (int) seats.stream().filter(s -> s.status() == SeatState.AVAILABLE).count();
        return new SeatMap(show.id(), version, hall.id(), hall.name(), availability.readAt(), age, stale, available, seats);
    }

    /**
     * One seat.
     *
     * @param id the chain's seat ref, used to hold it
     * @param price its price at this show, absent when the show does not sell its category
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeatEntry(String id, String row, int number, int x, int y, String category, @Nullable Price price,
            SeatState status) {
    }
}
