package dev.marquee.booking.bookings;

/** Where a booking is in its life. */
public enum BookingStatus {
    /** Checked out; waiting for the customer to pay. */
    PENDING_PAYMENT,
    /**
     * Paid, and the chain is being asked to confirm the seats: recorded before the chain is called, so a call whose
     * outcome is unknown (a timeout, a reset, a crash mid-call) leaves this, never a booking that looks unpaid. It ends
     * {@code CONFIRMED} once the chain has the booking, or {@code REFUNDED} once it is sure the chain holds none.
     */
    CONFIRMING,
    /** Paid and booked at the chain; the tickets are valid. */
    CONFIRMED,
    /**
     * Its holder asked to cancel it: the tickets are void and the chain is being told; it ends
     * {@code CANCELLED}, or {@code CONFIRMED} again (tickets valid) when the chain refuses.
     */
    CANCELLING,
    /** Cancelled by its holder; the payment is refunded. */
    CANCELLED,
    /** Paid, but the seats could not be delivered: the payment is refunded. */
    REFUNDED,
    /** Never paid before its payment window closed. */
    EXPIRED,
    /** Payment declined and the hold is gone. */
    FAILED;

    /** Whether a payment that arrives now still needs seats (or a refund). */
    public boolean awaitsPayment() {
        return this == PENDING_PAYMENT || this == EXPIRED || this == FAILED;
    }

    /** Whether it is paid, or a payment arriving now would be, while its seats are not delivered yet. */
    public boolean awaitsSeats() {
        return awaitsPayment() || this == CONFIRMING;
    }
}
