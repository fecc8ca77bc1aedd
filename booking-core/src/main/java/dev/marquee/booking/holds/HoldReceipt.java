package dev.marquee.booking.holds;

/**
 * Told of a new hold as it is recorded, inside the recording's transaction: whatever it writes (the request's kept
 * answer, the account that owns the hold) commits with the hold, or, when it throws, neither is recorded. One commit
 * for both, and no moment in which the hold exists without its answer.
 */
@FunctionalInterface
public interface HoldReceipt {

    /**
     * @param hold the hold being recorded
     * @param token its bearer token, which only the answer carries
     */
    void recorded(Hold hold, String token);

    /** Nothing more to record. */
    HoldReceipt NONE = (hold, token) -> {
    };
}
