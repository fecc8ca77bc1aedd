package dev.marquee.spi;

/** The chain answered, but not as its contract says: a malformed or partial body, an unexpected status. */
public final class TheatreProtocolException extends TheatreException {
    public TheatreProtocolException(String chainId, String message, Throwable cause) {
        super(chainId, message, cause);
    }
}
