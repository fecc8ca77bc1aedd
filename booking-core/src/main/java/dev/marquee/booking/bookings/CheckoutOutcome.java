package dev.marquee.booking.bookings;

import dev.marquee.booking.holds.HoldStatus;

/** What became of a checkout. */
public sealed interface CheckoutOutcome {

    /** A booking waiting for payment, new or the one this hold already had. */
    record Checkout(Booking booking, boolean created) implements CheckoutOutcome {
    }

    /** No such hold for this token. */
    record NoHold() implements CheckoutOutcome {
    }

    /** The hold has ended (released or expired) and has no booking. */
    record HoldEnded(HoldStatus status) implements CheckoutOutcome {
    }

    /** The booking exists, but the payment provider could not open its payment; try again. */
    record ProviderUnavailable(Booking booking, String reason) implements CheckoutOutcome {
    }
}
