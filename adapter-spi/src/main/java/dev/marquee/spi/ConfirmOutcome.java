package dev.marquee.spi;

import java.util.List;

/** What the chain answered to a {@link ConfirmRequest}. */
public sealed interface ConfirmOutcome {

    /**
     * The lock is now a booking.
     *
     * @param bookingRef the chain's id of the booking, for cancellation
     * @param tickets one ticket per locked seat
     */
    record Confirmed(String bookingRef, List<TheatreTicket> tickets) implements ConfirmOutcome {
        public Confirmed {
            Checks.text(bookingRef, "bookingRef");
            tickets = Checks.list(tickets, "tickets");
            if (tickets.isEmpty()) {
                throw new IllegalArgumentException("tickets must not be empty");
            }
        }
    }

    /** The lock expired or was released: nothing was booked. */
    record LockExpired() implements ConfirmOutcome {
    }

    /**
     * The lock was confirmed before; nothing new was booked.
     *
     * @param bookingRef the booking the earlier confirmation made
     */
    record AlreadyConfirmed(String bookingRef) implements ConfirmOutcome {
        public AlreadyConfirmed {
            Checks.text(bookingRef, "bookingRef");
        }
    }
}
