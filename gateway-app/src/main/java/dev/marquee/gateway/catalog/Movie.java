package dev.marquee.gateway.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A film, merged across chains by title and release year.
 *
 * @param id slug of title and year ("interstellar-2014"), or of the title alone when the year is unknown
 * @param title its title
 * @param description synopsis, possibly empty
 * @param genres genres, possibly empty
 * @param runtimeMinutes running time
 * @param rating age rating, possibly empty
 * @param releaseDate release date or null
 * @param posterUrl poster or null
 * @param trailerUrl trailer or null
 */
public record Movie(
        String id,
        String title,
        String description,
        List<String> genres,
        int runtimeMinutes,
        String rating,
        LocalDate releaseDate,
        String posterUrl,
        String trailerUrl) {

    public Movie {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        genres = List.copyOf(Objects.requireNonNull(genres, "genres"));
        Objects.requireNonNull(rating, "rating");
    }
}
