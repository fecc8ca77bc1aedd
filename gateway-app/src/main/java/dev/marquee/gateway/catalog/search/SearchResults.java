package dev.marquee.gateway.catalog.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.gateway.catalog.browse.Refs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/**
 * Answer of {@code GET /api/v1/search}: matching movies, best first, each with where and when seats can
 * still be had. Movies with nothing bookable within the filters are left out.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResults(
        String query,
        @Nullable String cityId,
        @Nullable LocalDate from,
        @Nullable LocalDate to,
        List<MovieMatch> movies) {

    /** A movie that matched, or that shows at a cinema that matched. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MovieMatch(
            String id,
            String title,
            List<String> genres,
            int runtimeMinutes,
            String rating,
            @Nullable String posterUrl,
            List<CinemaDates> cinemas) {
    }

    /**
     * A cinema with the local dates (its city's time zone) on which it has shows of the movie with free seats.
     */
    @Serdeable
    public record CinemaDates(String id, String name, String cityId, Refs.ChainRef chain, List<LocalDate> dates) {
    }
}
