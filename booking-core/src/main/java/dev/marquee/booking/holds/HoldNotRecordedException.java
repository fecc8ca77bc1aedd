package dev.marquee.booking.holds;

/**
 * The chain locked the seats but recording the hold failed. Its lock was released unless a hold of that id is
 * recorded after all (the store may have failed after writing it), so whether the hold exists is not known to the
 * caller: a retry with the same hold id finds out.
 */
public final class HoldNotRecordedException extends RuntimeException {
    private final String holdId;

    public HoldNotRecordedException(String holdId, RuntimeException cause) {
        super("hold " + holdId + " was locked at the chain but could not be recorded: " + cause.getMessage(), cause);
        this.holdId = holdId;
    }

    public String holdId() {
        return holdId;
    }
}
