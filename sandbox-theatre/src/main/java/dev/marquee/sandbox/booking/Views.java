package dev.marquee.sandbox.booking;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Objects;

/** What the theatre API answers about locks, bookings and seats (theatre-api.yaml shapes). */
public final class Views {
    private Views() {
    }

    @Serdeable
    public record LockView(String lockId, String showId, List<String> seatIds, String expiresAt, String reference) {
        public LockView {
            Objects.requireNonNull(lockId, "lockId");
            seatIds = List.copyOf(seatIds);
        }
    }

    @Serdeable
    public record TicketView(String seatId, String ticketId) {
    }

    @Serdeable
    public record BookingView(String bookingId, String lockId, String showId, String status, String reference,
            List<TicketView> tickets) {
        public BookingView {
            Objects.requireNonNull(bookingId, "bookingId");
            tickets = List.copyOf(tickets);
        }
    }

    @Serdeable
    public record SeatsView(String showId, List<String> held, List<String> sold, String readAt) {
        public SeatsView {
            held = List.copyOf(held);
            sold = List.copyOf(sold);
        }
    }

    /** A lock found by its reference: {@code booking} is set when it is CONFIRMED. */
    @Serdeable
    public record FoundLockView(String lockId, String showId, List<String> seatIds, String expiresAt, String reference,
            String status, @Nullable BookingView booking) {
        public FoundLockView {
            Objects.requireNonNull(lockId, "lockId");
            seatIds = List.copyOf(seatIds);
        }
    }

    @Serdeable
    public record FoundLocksView(List<FoundLockView> locks) {
        public FoundLocksView {
            locks = List.copyOf(locks);
        }
    }

    @Serdeable
    public record FoundBookingsView(List<BookingView> bookings) {
        public FoundBookingsView {
            bookings = List.copyOf(bookings);
        }
    }
}
