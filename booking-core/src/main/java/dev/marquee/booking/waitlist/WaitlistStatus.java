package dev.marquee.booking.waitlist;

/** Where a waitlist entry stands. */
public enum WaitlistStatus {
    /** In the queue. */
    WAITING,
    /** Seats were freed and held for this entry; check the hold out before it expires. */
    OFFERED,
    /** The offer's hold ended without checkout (expired or released); its seats went to the next in line. */
    OFFER_LAPSED,
    /** Left the queue. */
    CANCELLED
}
