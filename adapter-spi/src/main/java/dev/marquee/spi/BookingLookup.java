package dev.marquee.spi;

import java.util.List;

/**
 * What the chain knows of a booking asked for by the caller's reference ({@link TheatreAdapter#findBooking}):
 * the answer that settles a {@link TheatreAdapter#confirm} or {@link TheatreAdapter#cancelBooking} whose
 * outcome is unknown.
 *
 * @since 4
 */
public sealed interface BookingLookup {

    /**
     * The booking stands: its seats are sold.
     *
     * @param bookingRef the chain's id of the booking
     * @param tickets its tickets, the same seats and ticket ids as the confirmation's answer
     */
    record Booked(String bookingRef, List<TheatreTicket> tickets) implements BookingLookup {
        public Booked {
            Checks.text(bookingRef, "bookingRef");
            tickets = Checks.list(tickets, "tickets");
            if (tickets.isEmpty()) {
                throw new IllegalArgumentException("tickets must not be empty");
            }
        }
    }

    /**
     * The booking was cancelled: its seats are free again.
     *
     * @param bookingRef the chain's id of the booking
     */
    record Cancelled(String bookingRef) implements BookingLookup {
        public Cancelled {
            Checks.text(bookingRef, "bookingRef");
        }
    }

    /** The chain has no booking under this reference: no confirmation with it booked anything. */
    record NotFound() implements BookingLookup {
    }

    /**
     * The adapter cannot look bookings up (the default of {@link TheatreAdapter#findBooking}, or a chain
     * without such a query). It says nothing about the booking: the caller must decide without knowing.
     */
    record Unsupported() implements BookingLookup {
    }
}
