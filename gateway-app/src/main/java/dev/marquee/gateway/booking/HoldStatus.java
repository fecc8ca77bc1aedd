package dev.marquee.gateway.booking;

/** Where a hold is in its life. */
public enum HoldStatus {
    /** The seats are locked at the chain for this hold. */
    HELD,
    /** Its holder let the seats go. */
    RELEASED,
    /** Not checked out in time; the seats were let go. */
    EXPIRED;

    public boolean isActive() {
        return this == HELD;
    }
}
