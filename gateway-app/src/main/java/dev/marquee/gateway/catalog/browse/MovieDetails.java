package dev.marquee.gateway.catalog.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.gateway.catalog.Movie;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/** Answer of {@code GET /api/v1/movies/{movieId}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MovieDetails(
        String id,
        String title,
        String description,
        List<String> genres,
        int runtimeMinutes,
        String rating,
        @Nullable LocalDate releaseDate,
        @Nullable String posterUrl,
        @Nullable String trailerUrl) {

    static MovieDetails of(Movie movie) {
        return new MovieDetails(movie.id(), movie.title(), movie.description(), movie.genres(), movie.runtimeMinutes(),
                movie.rating(), movie.releaseDate(), movie.posterUrl(), movie.trailerUrl());
    }
}
