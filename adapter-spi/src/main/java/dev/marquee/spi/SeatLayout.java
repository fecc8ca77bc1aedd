package dev.marquee.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The seats of a hall, each with its place for drawing.
 *
 * @param seats every seat, in any order; seat refs are unique
 */
public record SeatLayout(List<Seat> seats) {
    public SeatLayout {
        seats = Checks.list(seats, "seats");
        Set<String> refs = new HashSet<>();
        for (Seat seat : seats) {
            if (!refs.add(seat.ref())) {
                throw new IllegalArgumentException("seats has a duplicate ref: " + seat.ref());
            }
        }
    }

    /** How many seats the hall has. */
    public int capacity() {
        return seats.size();
    }
}
