package dev.marquee.gateway.catalog.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * Answer of {@code GET /api/v1/cinemas/{cinemaId}}.
 *
 * @param halls by name
 * @param upcomingShows every show on sale that starts before {@code upcomingUntil}, by start time, flat
 * @param upcomingUntil the end of the listing window
 */
// Serde leaves out empty lists by default; the document requires them, empty or not.
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CinemaDetails(
        String id,
        String name,
        String address,
        String cityId,
        Location location,
        Refs.ChainRef chain,
        List<HallEntry> halls,
        List<ShowSlot> upcomingShows,
        Instant upcomingUntil) {

    @Serdeable
    public record HallEntry(String id, String name, int capacity) {
    }
}
