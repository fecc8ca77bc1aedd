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
     * {@link SeatLockRequest#reference()} returns the lock already made while it is live, so the call may be retried.
     * A chain that takes the locks of a show one at a time (as the sandbox does) answers a repeat sent at the same
     * moment with that lock too; one that does not may answer it {@link LockOutcome.SeatsTaken}, which is safe, and
     * the gateway's repeat of the request then answers 409 where it would have answered the first one's 201.
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

    /**
     * Finds the lock made for a reference ({@link SeatLockRequest#reference()}) of a show, to settle a
     * {@link #lockSeats} or {@link #confirm} whose outcome is unknown: a call that timed out or lost its
     * connection after sending may have locked or confirmed, or not. Changes nothing at the chain.
     *
     * <p>The answer follows what the lock became: {@link LockLookup.Confirmed} once it was confirmed (even if
     * the booking was cancelled since), else {@link LockLookup.Held} while it is alive, else
     * {@link LockLookup.Gone}, also for a reference the chain never saw. Should the chain have several locks
     * under one reference of the show, a confirmed one comes first, then a live one: the answer never hides
     * seats the chain holds. A reference is looked for in the given show only.
     *
     * <p>The default serves adapters built against version 3 and adapters of chains that cannot be asked:
     * it answers {@link LockLookup.Unsupported}, which claims nothing. An adapter that can look locks up
     * overrides it; it never answers {@code Unsupported} for some references and something else for others.
     *
     * @param showRef the show of the {@link SeatLockRequest}
     * @param reference the request's {@link SeatLockRequest#reference()}
     * @since 4
     */
    default LockLookup findLock(String showRef, String reference) {
        return new LockLookup.Unsupported();
    }

    /**
     * Finds the booking a confirmation made under a reference ({@link ConfirmRequest#reference()}), to settle
     * a {@link #confirm} or {@link #cancelBooking} whose outcome is unknown. Changes nothing at the chain.
     *
     * <p>Answers {@link BookingLookup.Booked} with the booking's tickets while it stands,
     * {@link BookingLookup.Cancelled} once it was cancelled, and {@link BookingLookup.NotFound} when no
     * confirmation with this reference booked anything. Should the chain have several bookings under one
     * reference, a standing one comes first: the answer never hides seats the chain has sold. Sales the
     * chain made itself (its box office) are not found by reference.
     *
     * <p>The default serves adapters built against version 3 and adapters of chains that cannot be asked:
     * it answers {@link BookingLookup.Unsupported}, which claims nothing. An adapter that can look bookings
     * up overrides it.
     *
     * @param reference the {@link ConfirmRequest#reference()} of the confirmation
     * @since 4
     */
    default BookingLookup findBooking(String reference) {
        return new BookingLookup.Unsupported();
    }

    /** Frees what the adapter holds (connections, pools). */
    @Override
    default void close() {
    }
}
