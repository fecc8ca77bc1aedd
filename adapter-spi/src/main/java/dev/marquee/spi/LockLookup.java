package dev.marquee.spi;

import java.time.Instant;
import java.util.List;

/**
 * What the chain knows of a lock asked for by the caller's reference ({@link TheatreAdapter#findLock}): the
 * answer that settles a {@link TheatreAdapter#lockSeats} or {@link TheatreAdapter#confirm} whose outcome is
 * unknown (a timeout, a connection reset after the request was sent).
 *
 * @since 4
 */
public sealed interface LockLookup {

    /**
     * The lock is alive and holds its seats.
     *
     * @param lockRef the chain's id of the lock, as {@link LockOutcome.Locked#lockRef()} would have said
     * @param seatRefs the seats it holds
     * @param expiresAt when the chain drops it unless it is confirmed
     */
    record Held(String lockRef, List<String> seatRefs, Instant expiresAt) implements LockLookup {
        public Held {
            Checks.text(lockRef, "lockRef");
            seatRefs = Checks.list(seatRefs, "seatRefs");
            if (seatRefs.isEmpty()) {
                throw new IllegalArgumentException("seatRefs must name the held seats");
            }
            Checks.required(expiresAt, "expiresAt");
        }
    }

    /**
     * The lock was confirmed: it is a booking. Like {@link ConfirmOutcome.AlreadyConfirmed}, it says nothing
     * about what became of the booking since; {@link TheatreAdapter#findBooking} says whether it was cancelled.
     *
     * @param lockRef the chain's id of the lock
     * @param bookingRef the booking the confirmation made
     * @param tickets that booking's tickets, the same seats and ticket ids as the confirmation's answer
     */
    record Confirmed(String lockRef, String bookingRef, List<TheatreTicket> tickets) implements LockLookup {
        public Confirmed {
            Checks.text(lockRef, "lockRef");
            Checks.text(bookingRef, "bookingRef");
            tickets = Checks.list(tickets, "tickets");
            if (tickets.isEmpty()) {
                throw new IllegalArgumentException("tickets must not be empty");
            }
        }
    }

    /**
     * No lock under this reference holds seats or became a booking: it expired, was released, or was never
     * made. Its seats are free unless something else holds them.
     */
    record Gone() implements LockLookup {
    }

    /**
     * The adapter cannot look locks up (the default of {@link TheatreAdapter#findLock}, or a chain without
     * such a query). It says nothing about the lock: the caller must decide without knowing.
     */
    record Unsupported() implements LockLookup {
    }
}
