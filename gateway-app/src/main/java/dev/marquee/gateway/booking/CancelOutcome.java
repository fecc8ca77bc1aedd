package dev.marquee.gateway.booking;

/** What became of a cancellation. */
public sealed interface CancelOutcome {

    /** Cancelled (now or before); the refund follows. */
    record Cancelled(Booking booking) implements CancelOutcome {
    }

    /** No such booking for this token. */
    record NoBooking() implements CancelOutcome {
    }

    /** It cannot be cancelled: not confirmed, too close to the show, or the chain says no. */
    record NotCancellable(String reason) implements CancelOutcome {
    }
}
