package dev.marquee.spi;

/** Whether a show still takes place. */
public enum ShowStatus {
    /** It takes place as listed. */
    SCHEDULED,
    /** The chain called it off; its seats cannot be locked. */
    CANCELLED
}
