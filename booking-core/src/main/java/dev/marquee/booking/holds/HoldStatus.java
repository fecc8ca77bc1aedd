package dev.marquee.booking.holds;

/** Where a hold is in its life. */
public enum HoldStatus {
    /** The seats are locked at the chain for this hold. */
    HELD,
    /** Its holder let the seats go. */
    RELEASED,
    /** Not checked out in time; the seats were let go. */
    EXPIRED,
    /** Paid and confirmed at the chain: its seats now belong to a booking. */
    BOOKED;

    public boolean isActive() {
        return this == HELD;
    }
}
