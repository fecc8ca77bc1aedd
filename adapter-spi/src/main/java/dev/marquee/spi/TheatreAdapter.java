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

    /**
     * Releases a lock. Releasing a lock that expired or was already released is not an error; what happens
     * to a lock that was confirmed is not specified (adapters built against version 2 throw an unchecked
     * exception).
     *
     * <p>Every adapter still implements this method, so that adapters built against version 2, which know
     * no other, keep loading. One built against version 3 or later implements {@link #release(String)} and
     * makes this method call it.
     *
     * @deprecated since version 3: call {@link #release(String)}, which answers a confirmed lock with
     *     {@link ReleaseOutcome.AlreadyConfirmed} instead of an exception
     */
    @Deprecated(since = "3")
    void releaseLock(String lockRef);

    /**
     * Releases a lock, freeing its seats. A lock that expired, was released before or that the chain does
     * not know answers {@link ReleaseOutcome.Released} too, so a release may be repeated. A lock that was
     * confirmed is a booking: the chain frees nothing, and the answer is {@link ReleaseOutcome.AlreadyConfirmed}
     * (an answer, not a failure; to free the seats, cancel the booking). As with every method, a failure of
     * the chain itself is thrown as a {@link TheatreException}.
     *
     * <p>The default serves adapters built against version 2: it calls {@link #releaseLock(String)} and
     * answers {@link ReleaseOutcome.Released}; such an adapter may throw for a confirmed lock, which the
     * default passes on. An adapter built against version 3 or later overrides it.
     *
     * @since 3
     */
    default ReleaseOutcome release(String lockRef) {
        releaseLock(lockRef);
        return new ReleaseOutcome.Released();
    }

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
