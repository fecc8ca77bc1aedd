package dev.marquee.booking.holds;

import java.util.List;

/** What came of asking for a hold. Nothing is held unless the outcome is {@link Placed}. */
public sealed interface HoldOutcome {

    /**
     * The seats are held: newly, or by a hold placed before under the same id whose answer was lost.
     *
     * @param hold the new hold
     * @param token the secret that grants access to it; only its hash is stored
     */
    record Placed(Hold hold, String token) implements HoldOutcome {
    }

    /**
     * A hold with this id was placed before (the request is a retry whose first answer was lost, or one sent again with
     * the same Idempotency-Key after the key was forgotten) and is no longer held: it expired or ended meanwhile. A
     * retry of a hold still held gets {@link Placed} with a new token instead.
     */
    record AlreadyPlaced(Hold hold) implements HoldOutcome {
    }

    /** Some seats are held or sold already, by a gateway user or anyone at the chain. */
    record SeatsTaken(List<String> seatIds) implements HoldOutcome {
    }

    /** The request itself is wrong; each problem names its field. */
    record Invalid(List<FieldProblem> problems) implements HoldOutcome {
    }

    /** No show with that id. */
    record UnknownShow(String showId) implements HoldOutcome {
    }

    /** The show cannot be booked (cancelled, started), or the chain refused for a reason of its own. */
    record NotBookable(String reason) implements HoldOutcome {
    }

    /** The email already holds as many seats of the show as allowed. */
    record LimitReached(String field, String reason) implements HoldOutcome {
    }

    /**
     * One field at fault.
     *
     * @param field the request field ("seatIds", "email")
     * @param reason what is wrong with it
     */
    record FieldProblem(String field, String reason) {
    }
}
