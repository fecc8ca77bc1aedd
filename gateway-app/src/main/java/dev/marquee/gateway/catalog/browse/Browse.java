package dev.marquee.gateway.catalog.browse;

import static java.util.stream.Collectors.groupingBy;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.Cinema;
import dev.marquee.gateway.catalog.City;
import dev.marquee.gateway.catalog.Hall;
import dev.marquee.gateway.catalog.Movie;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.web.NotFoundException;
import dev.marquee.spi.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The read side of one catalogue snapshot at one moment: what a client browsing the gateway sees.
 * Plain Java over {@link Catalog}; ids that do not exist raise {@link NotFoundException}.
 */
public final class Browse {
    /** How far ahead a cinema's page lists shows. */
    public static final Duration CINEMA_LISTING = Duration.ofDays(14);

    private final Catalog catalog;
    private final Instant now;
    private final Function<String, Refs.ChainRef> chainRef;

    /**
     * @param chainRef a chain id's reference, with its name and catalogue age
     */
    public Browse(Catalog catalog, Instant now, Function<String, Refs.ChainRef> chainRef) {
        this.catalog = catalog;
        this.now = now;
        this.chainRef = chainRef;
    }

    public CityList cities() {
        return new CityList(catalog.cities().stream()
                .map(c -> new CityList.CityEntry(c.id(), c.name(), c.countryCode(), c.timeZone().getId(),
                        catalog.cinemasIn(c.id()).size()))
                .toList());
    }

    public CityMovies moviesIn(String cityId, LocalDate date) {
        City city = city(cityId);
        ShowWindow window = ShowWindow.on(date, city.timeZone(), now);
        Map<String, List<Show>> byMovie = catalog.cinemasIn(cityId).stream()
                .flatMap(cinema -> catalog.showsAt(cinema.id()).stream())
                .filter(window::contains)
                .collect(groupingBy(Show::movieId));
        List<CityMovies.MovieSummary> movies = byMovie.entrySet().stream()
                .flatMap(e -> catalog.movie(e.getKey()).map(m -> summary(m, e.getValue())).stream())
                .sorted(Comparator.comparing(CityMovies.MovieSummary::title).thenComparing(CityMovies.MovieSummary::id))
                .toList();
        return new CityMovies(cityId, date, movies);
    }

    private static CityMovies.MovieSummary summary(Movie movie, List<Show> shows) {
        Instant next = shows.stream().map(Show::startsAt).min(Comparator.naturalOrder()).orElseThrow();
        int cinemas = (int) shows.stream().map(Show::cinemaId).distinct().count();
        return new CityMovies.MovieSummary(movie.id(), movie.title(), movie.genres(), movie.runtimeMinutes(), movie.rating(),
                movie.releaseDate(), movie.posterUrl(), shows.size(), cinemas, next);
    }

    public MovieDetails movie(String movieId) {
        return MovieDetails.of(movieOf(movieId));
    }

    /**
     * The cinemas running a movie with their shows on sale.
     *
     * @param cityId only cinemas of this city, or null for all
     * @param date only shows on this local date (each cinema's own time zone), or null for from now on
     * @param origin the client's position to sort by distance, or null to sort by name
     */
    public MovieShows showsOf(String movieId, String cityId, LocalDate date, GeoPoint origin) {
        Movie movie = movieOf(movieId);
        if (cityId != null) {
            city(cityId);
        }
        Map<String, List<Show>> byCinema = new LinkedHashMap<>();
        for (Show show : catalog.showsOf(movieId)) {
            catalog.cinema(show.cinemaId())
                    .filter(cinema -> cityId == null || cinema.cityId().equals(cityId))
                    .filter(cinema -> ShowWindow.on(date, zoneOf(cinema), now).contains(show))
                    .ifPresent(cinema -> byCinema.computeIfAbsent(cinema.id(), k -> new java.util.ArrayList<>()).add(show));
        }
        List<Cinema> cinemas = byCinema.keySet().stream().flatMap(id -> catalog.cinema(id).stream()).toList();
        List<MovieShows.CinemaShows> entries = Nearest.order(cinemas, origin).stream()
                .map(c -> new MovieShows.CinemaShows(c.id(), c.name(), c.address(), c.cityId(), Location.of(c.location()),
                        chainOf(c), Nearest.distanceKm(origin, c),
                        byCinema.get(c.id()).stream().map(s -> ShowSlot.of(s, catalog, false)).toList()))
                .toList();
        return new MovieShows(new Refs.MovieRef(movie.id(), movie.title()), cityId, date, entries);
    }

    public CinemaList cinemasIn(String cityId, GeoPoint origin) {
        city(cityId);
        return new CinemaList(Nearest.order(catalog.cinemasIn(cityId), origin).stream()
                .map(c -> new CinemaList.CinemaEntry(c.id(), c.name(), c.address(), c.cityId(), Location.of(c.location()),
                        chainOf(c), Nearest.distanceKm(origin, c)))
                .toList());
    }

    public CinemaDetails cinema(String cinemaId) {
        Cinema cinema = catalog.cinema(cinemaId).orElseThrow(() -> new NotFoundException("cinema", cinemaId));
        ShowWindow window = ShowWindow.next(CINEMA_LISTING, now);
        List<CinemaDetails.HallEntry> halls = catalog.hallsOf(cinemaId).stream()
                .map(h -> new CinemaDetails.HallEntry(h.id(), h.name(), h.capacity()))
                .toList();
        List<ShowSlot> shows = catalog.showsAt(cinemaId).stream()
                .filter(window::contains)
                .map(s -> ShowSlot.of(s, catalog, true))
                .toList();
        return new CinemaDetails(cinema.id(), cinema.name(), cinema.address(), cinema.cityId(), Location.of(cinema.location()),
                chainOf(cinema), halls, shows, window.until());
    }

    public ShowDetails show(String showId) {
        Show show = catalog.show(showId).orElseThrow(() -> new NotFoundException("show", showId));
        Movie movie = movieOf(show.movieId());
        Cinema cinema = catalog.cinema(show.cinemaId()).orElseThrow(() -> new NotFoundException("cinema", show.cinemaId()));
        Hall hall = catalog.hall(show.hallId()).orElseThrow(() -> new NotFoundException("hall", show.hallId()));
        return new ShowDetails(show.id(), show.status().name(), show.isOnSale(now), show.startsAt(), show.endsAt(),
                show.format(), show.language(), show.seatsAvailable(),
                new ShowDetails.MovieEntry(movie.id(), movie.title(), movie.runtimeMinutes(), movie.rating(), movie.posterUrl()),
                new ShowDetails.CinemaEntry(cinema.id(), cinema.name(), cinema.address(), cinema.cityId(), chainOf(cinema)),
                new CinemaDetails.HallEntry(hall.id(), hall.name(), hall.capacity()),
                show.prices().stream().map(p -> new ShowDetails.CategoryPrice(p.category(), Price.of(p.price()))).toList(),
                show.lowestPrice().map(Price::of).orElse(null));
    }


    private City city(String cityId) {
        return catalog.city(cityId).orElseThrow(() -> new NotFoundException("city", cityId));
    }

    private Movie movieOf(String movieId) {
        return catalog.movie(movieId).orElseThrow(() -> new NotFoundException("movie", movieId));
    }

    private ZoneId zoneOf(Cinema cinema) {
        return catalog.city(cinema.cityId()).map(City::timeZone).orElse(ZoneOffset.UTC);
    }

    private Refs.ChainRef chainOf(Cinema cinema) {
        return chainRef.apply(cinema.chainId());
    }
}
