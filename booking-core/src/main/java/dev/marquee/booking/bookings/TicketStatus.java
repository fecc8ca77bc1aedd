package dev.marquee.booking.bookings;

/** Where a ticket stands. */
public enum TicketStatus {
    /** Not used yet. */
    VALID,
    /** Checked in at the venue. */
    USED,
    /** Its booking was cancelled or refunded. */
    VOID
}
