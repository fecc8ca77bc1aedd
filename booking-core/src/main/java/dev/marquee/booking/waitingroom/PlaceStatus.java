package dev.marquee.booking.waitingroom;

/** Where a place in a show's queue stands. */
public enum PlaceStatus {
    /** In the queue, waiting for its turn. */
    WAITING,
    /** Its turn came: its admission token lets it place holds on the show until the admission expires. */
    ADMITTED
}
