package dev.marquee.spi;

/**
 * One theatre chain as seen by the gateway: its catalogue, its seats and its locks.
 *
 * <p>The chain is the authority on its seats. Every method may be called from many threads at once.
 * Outcomes a caller must handle (a seat already taken, a lock that expired) are returned as values;
 * failures of the chain itself are thrown as a {@link TheatreException} subtype naming the chain.
 */
public interface TheatreAdapter extends AutoCloseable {

    /**
     * Reads the catalogue: everything when {@code since} is {@link CatalogCursor#START}, otherwise what
     * changed after that cursor. Changes may be delivered more than once; applying them is idempotent.
     */
    CatalogChanges readCatalog(CatalogCursor since);

    /** Reads which seats of a show are held or sold right now. */
    SeatAvailability readSeats(String showRef);

    /**
     * Locks all of the requested seats or none of them. A repeated request with the same
     * {@link SeatLockRequest#reference()} returns the lock already made, so the call may be retried.
     */
    LockOutcome lockSeats(SeatLockRequest request);

    /** Releases a lock. Releasing a lock that expired or was already released is not an error. */
    void releaseLock(String lockRef);

    /**
     * Turns a lock into a booking, with one theatre ticket per seat. A repeated request with the same
     * {@link ConfirmRequest#reference()} books nothing more and answers {@link ConfirmOutcome.AlreadyConfirmed}
     * with the booking and tickets the first one made, so a confirmation whose answer was lost may be
     * retried. What a chain answers to a different reference for a lock already confirmed is not part of
     * this contract.
     */
    ConfirmOutcome confirm(ConfirmRequest request);

    /** Cancels a confirmed booking, freeing its seats at the chain. */
    CancelOutcome cancelBooking(String bookingRef);

    /** Frees what the adapter holds (connections, pools). */
    @Override
    default void close() {
    }
}
