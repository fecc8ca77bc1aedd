package dev.marquee.gateway.catalog.browse;

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
@Serdeable
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
