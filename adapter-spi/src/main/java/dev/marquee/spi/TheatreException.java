package dev.marquee.spi;

/**
 * The chain itself failed: it did not answer in time, could not be reached, or answered something that
 * makes no sense. Unlike the outcome types these say nothing about seats; the caller cannot know whether
 * the operation took effect at the chain.
 */
public abstract sealed class TheatreException extends RuntimeException
        permits TheatreTimeoutException, TheatreUnavailableException, TheatreProtocolException {

    private final String chainId;

    protected TheatreException(String chainId, String message, Throwable cause) {
        super("chain " + chainId + ": " + message, cause);
        this.chainId = Checks.text(chainId, "chainId");
    }

    /** The gateway's id of the chain that failed. */
    public String chainId() {
        return chainId;
    }
}
