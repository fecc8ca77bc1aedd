package dev.marquee.gateway.seating;

/**
 * Tells the other gateway instances on the same database that a show's seats changed, so their seat maps
 * (kept in memory) are brought up to date before this instance answers the change's request.
 */
public interface SeatMapNotices {

    /**
     * Announces a change of the show's seats and returns once every other instance known to be listening has
     * applied it, or once the configured wait has run out.
     */
    void announce(String showId);

    /**
     * {@link #announce} in two steps, for a change made in a transaction: the notice is written now, joining the
     * caller's transaction, so that it is sent when that commits and never if it rolls back; the returned wait, called
     * after the commit, returns once every other instance known to be listening has applied it, or once the configured
     * wait has run out. One round trip and one commit fewer than announcing after the transaction.
     *
     * @throws RuntimeException when the notice cannot be written (the transaction must then roll back)
     */
    default Announced prepare(String showId) {
        return () -> announce(showId);
    }

    /** A notice written in a transaction, not yet waited for. */
    @FunctionalInterface
    interface Announced {
        /** After the commit: waits for the other instances to apply the change. */
        void awaitApplied();

        /** The transaction rolled back: no notice was sent, so nobody is waited for. */
        default void abandon() {
        }
    }

    /**
     * Whether this instance hears every other instance's announcements now. When it does not (its listening
     * connection broke), its seat maps may miss changes, so readers are answered from a map read afresh.
     */
    boolean listening();

    /** Stops listening; announcements after this reach nobody. */
    default void close() {
    }

    /** Receives the announcements of other instances. */
    void listen(Listener listener);

    /** What an instance does with other instances' announcements. */
    interface Listener {
        /** Another instance changed the show's seats; this returns once the change is applied here. */
        void changedElsewhere(String showId);

        /** Announcements may have been missed (this instance just started or got back to listening). */
        void mayHaveMissedChanges();
    }
}
