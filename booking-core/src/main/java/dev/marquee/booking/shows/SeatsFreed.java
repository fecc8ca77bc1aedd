package dev.marquee.booking.shows;

import java.util.List;
import java.util.Objects;

/**
 * Seats of a show came free through the gateway (a hold released or expired, a booking cancelled).
 *
 * @param showId the show
 * @param seatIds the seats let go
 * @param holdId the hold that ended, or null when a booking was cancelled
 */
public record SeatsFreed(String showId, List<String> seatIds, String holdId) {
    public SeatsFreed {
        Objects.requireNonNull(showId, "showId");
        seatIds = List.copyOf(seatIds);
    }
}
