package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.Settlement;
import dev.marquee.gateway.messaging.Handling;

/** The core's settlement of a message, as the message consumer acts on it. */
final class Settlements {
    private Settlements() {
    }

    static Handling handling(Settlement settlement) {
        return switch (settlement) {
            case Settlement.Done done -> Handling.done();
            case Settlement.RetryLater retry -> new Handling.RetryLater(retry.after(), retry.reason());
            case Settlement.Rejected rejected -> new Handling.Rejected(rejected.reason());
        };
    }
}
