package dev.marquee.sandbox.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** One chain's generated catalogue: what the generator hands to the database. */
public record Catalog(
        ChainInfo chain,
        List<City> cities,
        List<Cinema> cinemas,
        List<Hall> halls,
        List<Movie> movies,
        List<PriceTier> priceTiers,
        List<Show> shows) {

    public Catalog {
        Objects.requireNonNull(chain, "chain");
        cities = List.copyOf(cities);
        cinemas = List.copyOf(cinemas);
        halls = List.copyOf(halls);
        movies = List.copyOf(movies);
        priceTiers = List.copyOf(priceTiers);
        shows = List.copyOf(shows);
    }

    public record ChainInfo(String name, long seed, CatalogSize size, String currency) {
        public ChainInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(currency, "currency");
        }
    }

    public record City(String id, String name, String countryCode, String timeZone, double latitude, double longitude) {
        public City {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(countryCode, "countryCode");
            Objects.requireNonNull(timeZone, "timeZone");
        }
    }

    public record Cinema(String id, String cityId, String name, String address, double latitude, double longitude) {
        public Cinema {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cityId, "cityId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
        }
    }

    /** A hall and its seats; {@code imax} halls show IMAX only. */
    public record Hall(String id, String cinemaId, String name, boolean imax, List<Seat> seats) {
        public Hall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cinemaId, "cinemaId");
            Objects.requireNonNull(name, "name");
            seats = List.copyOf(seats);
        }
    }

    /** A seat: {@code x} counts columns (aisles leave gaps), {@code y} rows from the screen. */
    public record Seat(String id, String row, int number, int x, int y, String category) {
        public Seat {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(category, "category");
        }
    }

    public record Movie(String id, String title, String description, List<String> genres, int runtimeMinutes,
            String rating, String originalLanguage, LocalDate releaseDate, String posterUrl, String trailerUrl) {
        public Movie {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            genres = List.copyOf(genres);
            Objects.requireNonNull(rating, "rating");
            Objects.requireNonNull(originalLanguage, "originalLanguage");
        }
    }

    public record PriceTier(String id, String category, BigDecimal amount) {
        public PriceTier {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(amount, "amount");
        }
    }

    public record Show(long number, String movieId, String hallId, Instant startsAt, Instant endsAt, String format,
            String language, String priceTier) {
        public Show {
            Objects.requireNonNull(movieId, "movieId");
            Objects.requireNonNull(hallId, "hallId");
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(priceTier, "priceTier");
        }

        public String id() {
            return Long.toString(number);
        }
    }
}
