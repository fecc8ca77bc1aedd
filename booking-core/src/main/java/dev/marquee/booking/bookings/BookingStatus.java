package dev.marquee.booking.bookings;

/** Where a booking is in its life. */
public enum BookingStatus {
    /** Checked out; waiting for the customer to pay. */
    PENDING_PAYMENT,
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
}
