package dev.marquee.booking.waitingroom;

import java.time.Duration;

/** What came of asking for a place in a show's queue. */
public sealed interface QueueJoin {

    /** A new place; {@code token} reads it and is given out only here. */
    record Joined(QueuePlace place, int position, Duration estimatedWait, String token) implements QueueJoin {
    }

    /**
     * The email has a place in this queue already: the same place, without a token. Its token went to whoever joined
     * first; giving a new one to anyone who knows the email would let them take the place over.
     */
    record AlreadyJoined(QueuePlace place, int position, Duration estimatedWait) implements QueueJoin {
    }

    record Invalid(String field, String reason) implements QueueJoin {
    }

    record UnknownShow(String showId) implements QueueJoin {
    }

    /** The show cannot be booked (cancelled, started). */
    record NotBookable(String reason) implements QueueJoin {
    }

    /** The show is not in queue mode: holds need no admission, so there is nothing to queue for. */
    record NotQueued(String showId) implements QueueJoin {
    }
}
