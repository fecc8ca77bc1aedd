package dev.marquee.spi;

/** What the chain answered to a cancellation. */
public sealed interface CancelOutcome {

    /** The booking is cancelled (now or before) and its seats are free. */
    record Cancelled() implements CancelOutcome {
    }

    /**
     * The chain will not cancel the booking, for example because the show has started, or it does not
     * know the booking.
     *
     * @param reason why, for people
     */
    record NotCancellable(String reason) implements CancelOutcome {
        public NotCancellable {
            Checks.text(reason, "reason");
        }
    }
}
