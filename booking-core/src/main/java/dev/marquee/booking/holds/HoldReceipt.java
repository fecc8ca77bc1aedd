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

    /**
     * Asked before the chain's lock of a hold that was not recorded (refused, or its transaction failed) is given back.
     * False keeps the lock: a repeat of the request, placing under the same hold id at the same moment, got the very
     * same lock from the chain (the hold id is its reference) and recorded it. Not asked inside a transaction.
     */
    default boolean mayGiveBack(String holdId) {
        return true;
    }

    /** Nothing more to record. */
    HoldReceipt NONE = (hold, token) -> {
    };
}
