package dev.marquee.booking.waitingroom;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where queue modes, places and each show's admission gate are kept, shared by every gateway instance. The store
 * numbers places in join order; the gate is what concurrent admitters serialise on.
 */
public interface WaitingRoomStore {

    /** Puts a scope in queue mode, replacing the mode it was in. */
    void putMode(QueueMode mode);

    /** Takes a scope out of queue mode; false when it was not in it. */
    boolean removeMode(QueueScope scope);

    /** Every scope in queue mode, including automatic modes that ended and were not removed. */
    List<QueueMode> modes();

    /**
     * Gives an email a place in a show's queue, numbered after every place added before it, unless it has one: one
     * place per email and show, however many times and from however many instances it asks.
     *
     * @return the place, and whether it was made by this call
     */
    Joining join(String id, String showId, String email, String tokenHash, Instant now);

    Optional<StoredPlace> find(String placeId);

    /** The place whose admission token has this hash. */
    Optional<QueuePlace> admittedWith(String admissionTokenHash);

    /** 1 for the next to be admitted: how many waiting places of the show joined before this one, plus one. */
    int position(QueuePlace place);

    /** The numbers ({@link QueuePlace#seq()}) of the show's waiting places, in join order: where everyone stands. */
    long[] waitingOrder(String showId);

    /** Shows with someone waiting. */
    List<String> showsWithWaiting();

    /**
     * Locks the show's admission gate until the surrounding transaction ends, so that of admitters on any number of
     * instances one at a time works out and records the show's admissions. Call only inside {@code Transactions}.
     *
     * @return when the show's admissions were last accounted up to; {@code now} for a show whose gate is new
     */
    Instant lockGate(String showId, Instant now);

    /** Records how far the show's admissions are accounted; inside the transaction that locked the gate. */
    void saveGate(String showId, Instant accountedUpTo);

    /** The show's first {@code limit} waiting places in join order. */
    List<QueuePlace> nextWaiting(String showId, int limit);

    /** Admits a waiting place; false when it is not waiting (admitted already). */
    boolean admit(String placeId, String admissionToken, String admissionTokenHash, Instant now, Instant expiresAt);

    /**
     * Adds hold attempts on a show to its count for the window starting at {@code windowStart}; a count of an older
     * window is started afresh.
     *
     * @return the show's attempts in that window so far, from every instance
     */
    long addHoldAttempts(String showId, Instant windowStart, long attempts);

    /** A place with the hash of its own token, which reads it. */
    record StoredPlace(QueuePlace place, String tokenHash) {
    }

    /** A place asked for, and whether this call made it. */
    record Joining(StoredPlace stored, boolean created) {
    }
}
