package dev.marquee.gateway.catalog.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Answer of {@code GET /api/v1/cities/{cityId}/movies}: the movies with shows on sale in the city.
 *
 * @param cityId the city
 * @param date the local date asked for, absent for "from now on"
 * @param movies by title
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CityMovies(String cityId, @Nullable LocalDate date, List<MovieSummary> movies) {

    /**
     * A movie showing in the city.
     *
     * @param showCount shows on sale in the window
     * @param cinemaCount cinemas of the city running those shows
     * @param nextShowAt start of the earliest of them
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MovieSummary(
            String id,
            String title,
            List<String> genres,
            int runtimeMinutes,
            String rating,
            @Nullable LocalDate releaseDate,
            @Nullable String posterUrl,
            int showCount,
            int cinemaCount,
            Instant nextShowAt) {
    }
}
