package dev.marquee.gateway.seating;

import dev.marquee.spi.SeatState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a show's seat map, made once when a seat changed and served as is to every reader.
 *
 * @param number counts up within this gateway instance
 * @param version {@code <instance>.<number>}: the ETag and what {@code ?since=} takes; another instance's
 *        versions never match, so a client that moves between instances gets a full answer, never a wrong 304
 * @param json the answer's bytes
 * @param gzip the same, gzip-compressed
 * @param states each seat's state in this version
 */
public record SeatMapVersion(long number, String version, byte[] json, byte[] gzip, Map<String, SeatState> states,
        Instant availabilityReadAt, boolean stale, int seatsAvailable, ByteBuf directJson, ByteBuf directGzip) {
    public SeatMapVersion {
        Objects.requireNonNull(version, "version");
        states = Map.copyOf(states);
    }

    public SeatMapVersion(long number, String version, byte[] json, byte[] gzip, Map<String, SeatState> states,
            Instant availabilityReadAt, boolean stale, int seatsAvailable) {
        this(number, version, json, gzip, states, availabilityReadAt, stale, seatsAvailable, direct(json), direct(gzip));
    }

    /**
     * The JSON as a body to write: a view of bytes kept off the heap, so the socket is written from them without
     * copying 30-odd KB per answer first; each answer gets its own view, and writing it frees nothing.
     */
    public ByteBuf jsonBody() {
        return Unpooled.unreleasableBuffer(directJson.duplicate());
    }

    /** The gzip as a body to write, like {@link #jsonBody()}. */
    public ByteBuf gzipBody() {
        return Unpooled.unreleasableBuffer(directGzip.duplicate());
    }

    /** Lives as long as the version: unreleasable, so the garbage collector frees it with the version. */
    private static ByteBuf direct(byte[] bytes) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(java.nio.ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()));
    }

    /** The strong ETag of this version. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
