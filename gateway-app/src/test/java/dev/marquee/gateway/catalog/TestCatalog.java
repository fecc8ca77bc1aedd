package dev.marquee.gateway.catalog;

import dev.marquee.spi.GeoPoint;
import dev.marquee.spi.Money;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatLayout;
import dev.marquee.spi.SeatPrice;
import dev.marquee.spi.ShowStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds catalogues for tests, with defaults for everything a test does not care about. */
public final class TestCatalog {
    private static long versions;

    private final List<City> cities = new ArrayList<>();
    private final List<Cinema> cinemas = new ArrayList<>();
    private final List<Hall> halls = new ArrayList<>();
    private final List<Movie> movies = new ArrayList<>();
    private final List<Show> shows = new ArrayList<>();

    public static TestCatalog catalog() {
        return new TestCatalog();
    }

    public TestCatalog city(String id, String name, String zone) {
        cities.add(new City(id, name, id.substring(id.lastIndexOf('-') + 1).toUpperCase(), ZoneId.of(zone)));
        return this;
    }

    /** A cinema with one hall {@code <cinemaId>-h1} ("Screen 1", 2 rows of 3, back row premium). */
    public TestCatalog cinema(String id, String cityId, String name, double lat, double lon) {
        cinemas.add(new Cinema(id, id.substring(0, id.indexOf(':')), cityId, name, name + ", 1 High Street",
                new GeoPoint(lat, lon)));
        halls.add(new Hall(id + "-h1", id, "Screen 1", layout(2, 3)));
        return this;
    }

    public TestCatalog movie(String id, String title, String description, String... genres) {
        movies.add(new Movie(id, title, description, Arrays.asList(genres), 120, "12A", LocalDate.of(2014, 11, 7), null, null));
        return this;
    }

    /** A scheduled 2D show in the cinema's first hall, standard 9.50 and premium 12.00 GBP, 6 seats free. */
    public TestCatalog show(String id, String movieId, String cinemaId, Instant startsAt) {
        return show(id, movieId, cinemaId, startsAt, ShowStatus.SCHEDULED, 6);
    }

    public TestCatalog show(String id, String movieId, String cinemaId, Instant startsAt, ShowStatus status, int seatsAvailable) {
        String chainId = id.substring(0, id.indexOf(':'));
        shows.add(new Show(id, chainId, id.substring(id.indexOf(':') + 1), movieId, cinemaId, cinemaId + "-h1", startsAt,
                startsAt.plus(Duration.ofMinutes(140)), "2D", "en", status,
                List.of(new SeatPrice("standard", Money.of("9.50", "GBP")), new SeatPrice("premium", Money.of("12.00", "GBP"))),
                seatsAvailable));
        return this;
    }

    public Catalog build() {
        return Catalog.of(cities, cinemas, halls, movies, shows, ++versions);
    }

    public static SeatLayout layout(int rows, int seatsPerRow) {
        List<Seat> seats = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String row = String.valueOf((char) ('A' + r));
            for (int s = 1; s <= seatsPerRow; s++) {
                seats.add(new Seat(row + s, row, s, s, r, r == rows - 1 ? "premium" : "standard"));
            }
        }
        return new SeatLayout(seats);
    }
}
