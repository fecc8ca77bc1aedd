package dev.marquee.gateway.catalog;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toMap;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An immutable, indexed view of every chain's synced catalogue. Reads never touch the database; a
 * sync builds a new {@code Catalog} and swaps it in whole, so readers always see one consistent state.
 */
public final class Catalog {
    private static final Comparator<Show> BY_START = Comparator.comparing(Show::startsAt).thenComparing(Show::id);
    public static final Catalog EMPTY = new Catalog(List.of(), List.of(), List.of(), List.of(), List.of(), 0);

    private final long version;
    private final List<City> cities;
    private final Map<String, City> citiesById;
    private final List<Cinema> cinemas;
    private final Map<String, Cinema> cinemasById;
    private final Map<String, List<Cinema>> cinemasByCity;
    private final Map<String, Hall> hallsById;
    private final Map<String, List<Hall>> hallsByCinema;
    private final List<Movie> movies;
    private final Map<String, Movie> moviesById;
    private final Map<String, Show> showsById;
    private final Map<String, List<Show>> showsByMovie;
    private final Map<String, List<Show>> showsByCinema;

    private Catalog(Collection<City> cities, Collection<Cinema> cinemas, Collection<Hall> halls,
            Collection<Movie> movies, Collection<Show> shows, long version) {
        this.version = version;
        this.cities = cities.stream().sorted(Comparator.comparing(City::name)).toList();
        this.citiesById = index(cities, City::id);
        this.cinemas = cinemas.stream().sorted(Comparator.comparing(Cinema::name)).toList();
        this.cinemasById = index(cinemas, Cinema::id);
        this.cinemasByCity = group(this.cinemas, Cinema::cityId);
        this.hallsById = index(halls, Hall::id);
        this.hallsByCinema = group(halls.stream().sorted(Comparator.comparing(Hall::name)).toList(), Hall::cinemaId);
        this.movies = movies.stream().sorted(Comparator.comparing(Movie::title)).toList();
        this.moviesById = index(movies, Movie::id);
        List<Show> sorted = shows.stream().sorted(BY_START).toList();
        this.showsById = index(sorted, Show::id);
        this.showsByMovie = group(sorted, Show::movieId);
        this.showsByCinema = group(sorted, Show::cinemaId);
    }

    /** Builds a catalogue; {@code version} tells caches built on an older one to start again. */
    public static Catalog of(Collection<City> cities, Collection<Cinema> cinemas, Collection<Hall> halls,
            Collection<Movie> movies, Collection<Show> shows, long version) {
        return new Catalog(cities, cinemas, halls, movies, shows, version);
    }

    private static <T> Map<String, T> index(Collection<T> items, Function<T, String> id) {
        return items.stream().collect(toMap(id, Function.identity(), (a, b) -> a));
    }

    private static <T> Map<String, List<T>> group(List<T> sortedItems, Function<T, String> key) {
        return sortedItems.stream().collect(groupingBy(key, java.util.stream.Collectors.toUnmodifiableList()));
    }

    public long version() {
        return version;
    }

    /** Every city, by name. */
    public List<City> cities() {
        return cities;
    }

    public Optional<City> city(String id) {
        return Optional.ofNullable(citiesById.get(id));
    }

    /** Every cinema, by name. */
    public List<Cinema> cinemas() {
        return cinemas;
    }

    public Optional<Cinema> cinema(String id) {
        return Optional.ofNullable(cinemasById.get(id));
    }

    /** The cinemas of a city, by name. */
    public List<Cinema> cinemasIn(String cityId) {
        return cinemasByCity.getOrDefault(cityId, List.of());
    }

    public Optional<Hall> hall(String id) {
        return Optional.ofNullable(hallsById.get(id));
    }

    /** The halls of a cinema, by name. */
    public List<Hall> hallsOf(String cinemaId) {
        return hallsByCinema.getOrDefault(cinemaId, List.of());
    }

    /** Every movie, by title. */
    public List<Movie> movies() {
        return movies;
    }

    public Optional<Movie> movie(String id) {
        return Optional.ofNullable(moviesById.get(id));
    }

    public Optional<Show> show(String id) {
        return Optional.ofNullable(showsById.get(id));
    }

    /** Every show of a movie, cancelled ones included, by start time. */
    public List<Show> showsOf(String movieId) {
        return showsByMovie.getOrDefault(movieId, List.of());
    }

    /** Every show at a cinema, cancelled ones included, by start time. */
    public List<Show> showsAt(String cinemaId) {
        return showsByCinema.getOrDefault(cinemaId, List.of());
    }

    public int showCount() {
        return showsById.size();
    }
}
