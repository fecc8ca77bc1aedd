package dev.marquee.adapters.rest;

import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.Cinema;
import dev.marquee.spi.City;
import dev.marquee.spi.Hall;
import dev.marquee.spi.Movie;
import dev.marquee.spi.Show;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gathers the pages of one catalogue read into one {@link CatalogChanges}. Delivery is at least once, so
 * a thing may come on two pages: the later version wins and each ref appears once.
 */
final class CatalogAssembly {
    private final Map<String, City> cities = new LinkedHashMap<>();
    private final Map<String, Cinema> cinemas = new LinkedHashMap<>();
    private final Map<String, Hall> halls = new LinkedHashMap<>();
    private final Map<String, Movie> movies = new LinkedHashMap<>();
    private final Map<String, Show> shows = new LinkedHashMap<>();
    private boolean complete = true;

    void add(TheatreJson.CatalogPage page) {
        complete &= page.complete();
        page.cities().forEach(city -> put(cities, city.ref(), city));
        page.cinemas().forEach(cinema -> put(cinemas, cinema.ref(), cinema));
        page.halls().forEach(hall -> put(halls, hall.ref(), hall));
        page.movies().forEach(movie -> put(movies, movie.ref(), movie));
        page.shows().forEach(show -> put(shows, show.ref(), show));
    }

    CatalogChanges changes(CatalogCursor next) {
        return new CatalogChanges(complete, new ArrayList<>(cities.values()), new ArrayList<>(cinemas.values()),
                new ArrayList<>(halls.values()), new ArrayList<>(movies.values()), new ArrayList<>(shows.values()), next);
    }

    private static <T> void put(Map<String, T> byRef, String ref, T value) {
        byRef.remove(ref);
        byRef.put(ref, value);
    }
}
