package dev.marquee.gateway.seating;

import dev.marquee.spi.SeatState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * One version of a show's seat map: its number and seat states, made when a seat changed, and its answer's bytes
 * (JSON and gzip), made once, when the version is first served. A hold changes a show's map on every instance
 * whether or not anyone is looking at it; writing 300-odd seats as JSON and compressing them took a fifth of the
 * gateway's CPU in a run of holds that nobody read the maps of. Now only versions that are served are written, each
 * once: ahead of its readers, off the event loop, for a show being read ({@link #prepare}), else by its first reader.
 * The version's number and states, which make its ETag and its changes, need no bytes.
 */
public final class SeatMapVersion {
    private final long number;
    private final String version;
    private final String etag;
    private final Map<String, SeatState> states;
    private final Instant availabilityReadAt;
    private final boolean stale;
    private final int seatsAvailable;
    private Supplier<byte[]> json;
    private volatile Bodies bodies;

    /** The bytes of an answer, kept off the heap so that the socket is written from them without copying. */
    private record Bodies(ByteBuf json, ByteBuf gzip) {
    }

    /**
     * @param number counts up within this gateway instance
     * @param version {@code <instance>.<number>}: the ETag and what {@code ?since=} takes; another instance's
     *        versions never match, so a client that moves between instances gets a full answer, never a wrong 304
     * @param states each seat's state in this version
     * @param json writes the answer's JSON; called at most once, when the version is first served
     */
    public SeatMapVersion(long number, String version, Map<String, SeatState> states, Instant availabilityReadAt,
            boolean stale, int seatsAvailable, Supplier<byte[]> json) {
        this.number = number;
        this.version = Objects.requireNonNull(version, "version");
        this.etag = "\"" + version + "\"";
        this.states = Map.copyOf(states);
        this.availabilityReadAt = availabilityReadAt;
        this.stale = stale;
        this.seatsAvailable = seatsAvailable;
        this.json = Objects.requireNonNull(json, "json");
    }

    public long number() {
        return number;
    }

    public String version() {
        return version;
    }

    public Map<String, SeatState> states() {
        return states;
    }

    public Instant availabilityReadAt() {
        return availabilityReadAt;
    }

    public boolean stale() {
        return stale;
    }

    public int seatsAvailable() {
        return seatsAvailable;
    }

    /**
     * The JSON as a body to write: a view of bytes kept off the heap, so the socket is written from them without
     * copying 30-odd KB per answer first; each answer gets its own view, and writing it frees nothing.
     */
    public ByteBuf jsonBody() {
        return Unpooled.unreleasableBuffer(bodies().json().duplicate());
    }

    /** The gzip as a body to write, like {@link #jsonBody()}. */
    public ByteBuf gzipBody() {
        return Unpooled.unreleasableBuffer(bodies().gzip().duplicate());
    }

    /** The JSON's bytes. */
    public byte[] json() {
        ByteBuf body = bodies().json();
        byte[] bytes = new byte[body.readableBytes()];
        body.getBytes(body.readerIndex(), bytes);
        return bytes;
    }

    /**
     * Writes the answer's bytes now, if they are not yet: for a version about to be served, called off the event
     * loop, so that the first reader does not write them on it.
     */
    public void prepare() {
        bodies();
    }

    /** The strong ETag of this version. */
    public String etag() {
        return etag;
    }

    private Bodies bodies() {
        Bodies made = bodies;
        if (made == null) {
            synchronized (this) {
                made = bodies;
                if (made == null) {
                    byte[] bytes = json.get();
                    made = new Bodies(offHeap(bytes), offHeap(gzip(bytes)));
                    bodies = made;
                    json = null; // what it held (the show, the hall, the states) can go
                }
            }
        }
        return made;
    }

    /**
     * Bytes kept off the heap for as long as their owner lives: unreleasable, so the garbage collector frees them
     * with it. Answers are written from views of it ({@code duplicate()}), none of which frees it.
     */
    public static ByteBuf offHeap(byte[] bytes) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(java.nio.ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "SeatMapVersion[" + version + (stale ? ", stale" : "") + ", " + seatsAvailable + " available]";
    }
}
