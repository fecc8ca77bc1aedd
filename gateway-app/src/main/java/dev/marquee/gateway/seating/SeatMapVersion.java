package dev.marquee.gateway.seating;

import dev.marquee.spi.SeatState;
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
        Instant availabilityReadAt, boolean stale, int seatsAvailable) {
    public SeatMapVersion {
        Objects.requireNonNull(version, "version");
        states = Map.copyOf(states);
    }

    /** The strong ETag of this version. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
