package dev.marquee.spi;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * A film as the chain lists it.
 *
 * @param ref the chain's id of the movie
 * @param title its title
 * @param description a synopsis, possibly empty
 * @param genres its genres ("Drama", "Science Fiction"), possibly empty
 * @param runtime its running time
 * @param rating its age rating ("PG-13", "15"), possibly empty when not rated
 * @param releaseDate its release date, or null when unknown
 * @param posterUrl its poster image, or null
 * @param trailerUrl its trailer, or null
 */
public record Movie(
        String ref,
        String title,
        String description,
        List<String> genres,
        Duration runtime,
        String rating,
        LocalDate releaseDate,
        URI posterUrl,
        URI trailerUrl) {

    public Movie {
        Checks.text(ref, "ref");
        Checks.text(title, "title");
        Checks.required(description, "description");
        genres = Checks.list(genres, "genres");
        Checks.required(runtime, "runtime");
        if (runtime.isNegative() || runtime.isZero()) {
            throw new IllegalArgumentException("runtime must be positive: " + runtime);
        }
        Checks.required(rating, "rating");
    }
}
