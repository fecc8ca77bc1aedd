package dev.marquee.booking.bookings;

/** What became of a customer's request to cancel a booking. */
public sealed interface Cancellation {

    /** Cancelled (now or before); the refund follows. */
    record Cancelled(Booking booking) implements Cancellation {
    }

    /**
     * The cancellation is recorded (the booking {@code CANCELLING}, its tickets void) but the chain could not
     * be told yet; it is told in the background, and the booking ends {@code CANCELLED} or, if the chain
     * refuses, {@code CONFIRMED} again.
     */
    record Pending(Booking booking) implements Cancellation {
    }

    /** No such booking for this token. */
    record NoBooking() implements Cancellation {
    }

    /** It cannot be cancelled: not confirmed, too close to the show, a ticket used, or the chain says no. */
    record NotCancellable(String reason) implements Cancellation {
    }
}
