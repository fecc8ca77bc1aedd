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
     * The lock was confirmed before; nothing new was booked. This is what a repeated confirmation gets:
     * when the gateway lost the answer to a confirmation (it crashed, or its message came again) it
     * confirms once more with the same {@link ConfirmRequest#reference()}, and stores the booking from
     * this answer as it would have from the {@link Confirmed} it missed.
     *
     * <p>It says nothing about what became of the booking since, for example whether it was cancelled.
     *
     * @param bookingRef the booking the earlier confirmation made
     * @param tickets that booking's tickets, the same seats and ticket ids as the earlier {@link Confirmed}
     */
    record AlreadyConfirmed(String bookingRef, List<TheatreTicket> tickets) implements ConfirmOutcome {
        public AlreadyConfirmed {
            Checks.text(bookingRef, "bookingRef");
            tickets = Checks.list(tickets, "tickets");
            if (tickets.isEmpty()) {
                throw new IllegalArgumentException("tickets must not be empty");
            }
        }
    }
}
