package dev.marquee.spi;

/** Whether a seat of a show can still be had. */
public enum SeatState {
    AVAILABLE,
    /** Locked by someone, not yet paid: it may become available again. */
    HELD,
    SOLD
}
