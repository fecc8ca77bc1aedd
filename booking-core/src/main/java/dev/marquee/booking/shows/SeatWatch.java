package dev.marquee.booking.shows;

/**
 * Told whenever the booking rules change who has a show's seats, so that seat maps are read afresh and
 * the waitlist is served. Implementations must not throw: the change has happened either way.
 */
public interface SeatWatch {

    /** Seats of the show were held, sold or let go: a cached seat map of it is out of date. */
    void seatsChanged(String showId);

    /** Seats came free through the gateway; the show's waitlist may be served. */
    void seatsFreed(SeatsFreed freed);

    /** Nobody is watching. */
    SeatWatch NONE = new SeatWatch() {
        @Override
        public void seatsChanged(String showId) {
        }

        @Override
        public void seatsFreed(SeatsFreed freed) {
        }
    };
}
