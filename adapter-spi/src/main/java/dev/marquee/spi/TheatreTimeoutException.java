package dev.marquee.spi;

/** The chain did not answer within the adapter's time limit. */
public final class TheatreTimeoutException extends TheatreException {
    public TheatreTimeoutException(String chainId, String message, Throwable cause) {
        super(chainId, message, cause);
    }
}
