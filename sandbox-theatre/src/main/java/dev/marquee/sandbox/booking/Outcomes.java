package dev.marquee.sandbox.booking;

import dev.marquee.sandbox.http.Problem;
import java.util.List;
import java.util.Objects;

/** Expected outcomes of seat operations; faults are exceptions. */
public final class Outcomes {
    private Outcomes() {
    }

    public sealed interface LockOutcome permits Locked, SeatsTaken, Refused {
    }

    public sealed interface SaleOutcome permits Sold, SeatsTaken, Refused {
    }

    public sealed interface ReleaseOutcome permits Released, AlreadyConfirmed {
    }

    public sealed interface ConfirmOutcome permits Confirmed, AlreadyConfirmed, Gone {
    }

    public sealed interface CancelOutcome permits Cancelled, BookingNotFound, ShowStarted {
    }

    /** The seats are locked; {@code created} is false when an earlier request with the same reference made the lock. */
    public record Locked(Views.LockView lock, boolean created) implements LockOutcome {
        public Locked {
            Objects.requireNonNull(lock, "lock");
        }
    }

    /** Some seats are held or sold; nothing changed. */
    public record SeatsTaken(List<String> seatIds) implements LockOutcome, SaleOutcome {
        public SeatsTaken {
            seatIds = List.copyOf(seatIds);
        }
    }

    /** The request cannot be served (unknown or cancelled show, seat not in the hall, …); nothing changed. */
    public record Refused(Problem problem, String detail) implements LockOutcome, SaleOutcome {
        public Refused {
            Objects.requireNonNull(problem, "problem");
        }
    }

    public record Sold(Views.BookingView booking) implements SaleOutcome {
    }

    public record Released() implements ReleaseOutcome {
    }

    public record AlreadyConfirmed(String bookingId) implements ReleaseOutcome, ConfirmOutcome {
    }

    public record Confirmed(Views.BookingView booking) implements ConfirmOutcome {
    }

    /** The lock expired, was released or never existed. */
    public record Gone() implements ConfirmOutcome {
    }

    public record Cancelled(Views.BookingView booking) implements CancelOutcome {
    }

    public record BookingNotFound() implements CancelOutcome {
    }

    public record ShowStarted(Views.BookingView booking) implements CancelOutcome {
    }
}
