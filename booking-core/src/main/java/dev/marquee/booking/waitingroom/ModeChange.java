package dev.marquee.booking.waitingroom;

/** What came of asking to put a show or an on-sale in queue mode. */
public sealed interface ModeChange {

    record Set(QueueMode mode) implements ModeChange {
    }

    /** A field of the request is wrong. */
    record Invalid(String field, String reason) implements ModeChange {
    }

    /** No show or movie with that id. */
    record UnknownScope(QueueScope scope) implements ModeChange {
    }
}
