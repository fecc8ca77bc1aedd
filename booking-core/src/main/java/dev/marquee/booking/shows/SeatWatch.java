package dev.marquee.booking.shows;

/**
 * Told whenever the booking rules change who has a show's seats, so that seat maps are read afresh and
 * the waitlist is served. Implementations must not throw (but for {@link #changing}): the change has happened either way.
 */
public interface SeatWatch {

    /** Seats of the show were held, sold or let go: a cached seat map of it is out of date. */
    void seatsChanged(String showId);

    /**
     * Seats of the show are being changed by the transaction this is called in: what the watch writes to tell others of
     * it goes with that transaction (sent if it commits, never if it rolls back). The change returned is told which.
     * Unlike the other methods this may throw, when what it writes fails; the transaction then rolls back.
     */
    default SeatChange changing(String showId) {
        return () -> seatsChanged(showId);
    }

    /** A change of a show's seats made in a transaction. */
    @FunctionalInterface
    interface SeatChange {
        /** The transaction committed: every seat map is brought up to date, as by {@link #seatsChanged}. */
        void committed();

        /** The transaction rolled back: nothing changed. */
        default void abandoned() {
        }
    }

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
