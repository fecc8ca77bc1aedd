package dev.marquee.spi;

import java.util.Optional;

/**
 * Which request of the gateway a call to the adapter is made for, so that a chain can log the same id as the gateway
 * and one request can be followed across both. An adapter that speaks HTTP sends it as the {@link #HEADER} header;
 * any other adapter may log it or pass it on as its protocol allows.
 *
 * @since 5
 */
@FunctionalInterface
public interface RequestIds {
    /** The HTTP header the id travels in. */
    String HEADER = "X-Request-Id";

    /** No request: for tools, tests, and a gateway older than version 5. */
    RequestIds NONE = Optional::empty;

    /**
     * The id of the gateway request the calling thread works for: at most 64 characters of {@code A-Z a-z 0-9 . _ : -},
     * so it is safe in a header or a log line as it is. Empty for the gateway's own work (a catalogue sync, a sweeper).
     */
    Optional<String> current();
}
