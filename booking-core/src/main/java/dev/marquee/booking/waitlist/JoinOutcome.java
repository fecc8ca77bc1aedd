package dev.marquee.booking.waitlist;

/** What came of asking to join a show's waitlist. */
public sealed interface JoinOutcome {

    /** In the queue at {@code position}; {@code token} grants access to the entry. */
    record Joined(WaitlistEntry entry, int position, String token) implements JoinOutcome {
    }

    record UnknownShow(String showId) implements JoinOutcome {
    }

    /** A field of the request is wrong. */
    record Invalid(String field, String reason) implements JoinOutcome {
    }

    /** The show cannot be booked (cancelled, started). */
    record NotBookable(String reason) implements JoinOutcome {
    }
}
