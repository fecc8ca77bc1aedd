package dev.marquee.spi;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Which seats of a show are taken, as the chain answered at {@link #readAt()}. Seats of the hall that are
 * in neither set are available.
 *
 * @param showRef the show
 * @param heldSeats seats locked and not yet sold, by anyone
 * @param soldSeats seats sold
 * @param readAt when the chain answered
 */
public record SeatAvailability(String showRef, Set<String> heldSeats, Set<String> soldSeats, Instant readAt) {
    public SeatAvailability {
        Checks.text(showRef, "showRef");
        heldSeats = Checks.set(heldSeats, "heldSeats");
        soldSeats = Checks.set(soldSeats, "soldSeats");
        Checks.required(readAt, "readAt");
        Set<String> both = new HashSet<>(heldSeats);
        both.retainAll(soldSeats);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("seats cannot be both held and sold: " + both);
        }
    }

    /** The state of one seat. */
    public SeatState stateOf(String seatRef) {
        if (soldSeats.contains(seatRef)) {
            return SeatState.SOLD;
        }
        return heldSeats.contains(seatRef) ? SeatState.HELD : SeatState.AVAILABLE;
    }
}
