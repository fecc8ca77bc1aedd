package dev.marquee.gateway.catalog.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/**
 * Answer of {@code GET /api/v1/movies/{movieId}/shows}: the cinemas running the movie, each with its
 * shows on sale by start time.
 *
 * @param cityId the city filter, if any
 * @param date the local date asked for, absent for "from now on"
 * @param cinemas nearest first when a position was given, else by name
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MovieShows(Refs.MovieRef movie, @Nullable String cityId, @Nullable LocalDate date, List<CinemaShows> cinemas) {

    /** A cinema running the movie; {@code distanceKm} only when a position was given. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CinemaShows(
            String id,
            String name,
            String address,
            String cityId,
            Location location,
            Refs.ChainRef chain,
            @Nullable Double distanceKm,
            List<ShowSlot> shows) {
    }
}
