package dev.marquee.gateway.catalog;

import dev.marquee.booking.waitingroom.Movies;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The waiting room's view of movies: the current in-memory catalogue. */
@Singleton
public class CatalogMovies implements Movies {
    private final CatalogHolder catalogs;

    public CatalogMovies(CatalogHolder catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public Optional<String> movieOf(String showId) {
        return catalogs.current().show(showId).map(Show::movieId);
    }

    @Override
    public boolean exists(String movieId) {
        return catalogs.current().movie(movieId).isPresent();
    }
}
