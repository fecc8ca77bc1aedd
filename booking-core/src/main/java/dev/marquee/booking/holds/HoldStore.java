package dev.marquee.booking.holds;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where holds are kept. Every gateway instance shares it, so each change that only one caller may win
 * is conditional. Implementations join the caller's {@link dev.marquee.booking.support.Transactions
 * transaction} when there is one.
 */
public interface HoldStore {

    /**
     * Records a hold unless its email would then hold more than {@code maxSeatsPerEmail} seats of its show
     * in holds active at {@code now}. Holds of one email and show are recorded one at a time, so two placed
     * at once cannot both pass the limit. A hold whose id is recorded already is refused with an unchecked exception.
     *
     * @return whether the hold was recorded
     */
    boolean recordWithin(Hold hold, String tokenHash, int maxSeatsPerEmail, Instant now);

    /** A hold with its token hash, if it exists. */
    Optional<StoredHold> find(String holdId);

    /** Seats an email holds of a show in holds that are {@code HELD} and not past their expiry at {@code now}. */
    int seatsHeldBy(String email, String showId, Instant now);

    /** Seats of a show in holds that are {@code HELD} and not past their expiry at {@code now}. */
    List<String> seatsHeldAt(String showId, Instant now);

    /** Whether the hold is {@code HELD} and not past its expiry at {@code now}. */
    boolean isHeld(String holdId, Instant now);

    /**
     * Ends a hold that is still {@code HELD}. Only one caller wins this change, so exactly one gateway
     * instance releases the chain's lock and serves the waitlist for it.
     *
     * @return whether this call ended it
     */
    boolean end(String holdId, HoldStatus ending, Instant now);

    /**
     * Gives a hold a new token: only if it is still {@code HELD}, not past its expiry at {@code now}, and its token hash is
     * still {@code expectedTokenHash}, so of callers replacing one token at once exactly one wins.
     *
     * @return whether this call replaced it
     */
    boolean replaceToken(String holdId, String expectedTokenHash, String newTokenHash, Instant now);

    /** Marks a hold {@code BOOKED}: its seats now belong to a booking. */
    void booked(String holdId, Instant now);

    /** Ids of holds past their expiry at {@code now} that are still {@code HELD}, soonest expiry first. */
    List<String> due(Instant now, int limit);

    /** A hold and the hash of the token that grants access to it. */
    record StoredHold(Hold hold, String tokenHash) {
    }
}
