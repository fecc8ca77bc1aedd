package dev.marquee.spi;

import java.util.List;

/**
 * What a catalogue read returned.
 *
 * @param complete true when this is the whole catalogue (read from {@link CatalogCursor#START}): anything
 *     the gateway knows of the chain that is not in it no longer exists at the chain
 * @param cities cities added or changed
 * @param cinemas cinemas added or changed
 * @param halls halls added or changed, with their seat layouts
 * @param movies movies added or changed
 * @param shows shows added, changed, moved or cancelled
 * @param next the cursor to read the following changes from
 */
public record CatalogChanges(
        boolean complete,
        List<City> cities,
        List<Cinema> cinemas,
        List<Hall> halls,
        List<Movie> movies,
        List<Show> shows,
        CatalogCursor next) {

    public CatalogChanges {
        cities = Checks.list(cities, "cities");
        cinemas = Checks.list(cinemas, "cinemas");
        halls = Checks.list(halls, "halls");
        movies = Checks.list(movies, "movies");
        shows = Checks.list(shows, "shows");
        Checks.required(next, "next");
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return cities.isEmpty() && cinemas.isEmpty() && halls.isEmpty() && movies.isEmpty() && shows.isEmpty();
    }
}
