package dev.marquee.spi;

/**
 * A request to turn a lock into a booking.
 *
 * @param lockRef the {@link LockOutcome.Locked#lockRef()} to confirm
 * @param reference the gateway's booking reference, kept by the chain with the booking; confirming again
 *     with the same reference is safe and reports the booking already made (see {@link TheatreAdapter#confirm})
 */
public record ConfirmRequest(String lockRef, String reference) {
    public ConfirmRequest {
        Checks.text(lockRef, "lockRef");
        Checks.text(reference, "reference");
    }
}
