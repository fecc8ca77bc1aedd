package dev.marquee.gateway.seating;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.spi.SeatState;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The seats of a show whose state changed between two versions of its seat map: the answer of
 * {@code GET /api/v1/shows/{showId}/seats?since=} and each event of {@code /seats/changes}.
 *
 * @param since the version the changes start from, or null when they list every seat (no usable starting version)
 * @param version the version they lead to
 * @param changes each changed seat with its state in {@code version}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeatChanges(String showId, String since, String version, Instant availabilityReadAt, boolean stale,
        int seatsAvailable, List<Change> changes) {
    public SeatChanges {
        Objects.requireNonNull(showId, "showId");
        Objects.requireNonNull(version, "version");
        changes = List.copyOf(changes);
    }

    /** One seat and its state now. */
    @Serdeable
    public record Change(String id, SeatState status) {
    }
}
