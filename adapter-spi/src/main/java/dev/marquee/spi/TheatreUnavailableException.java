package dev.marquee.spi;

/** The chain could not be reached, or said it is unavailable (for example an HTTP 503). */
public final class TheatreUnavailableException extends TheatreException {
    public TheatreUnavailableException(String chainId, String message, Throwable cause) {
        super(chainId, message, cause);
    }
}
