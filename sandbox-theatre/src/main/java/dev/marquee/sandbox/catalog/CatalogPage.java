package dev.marquee.sandbox.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of {@code GET /theatre/v1/catalog}, shaped as theatre-api.yaml says. */
@Serdeable
public record CatalogPage(
        boolean complete,
        boolean hasMore,
        String nextCursor,
        List<CityView> cities,
        List<CinemaView> cinemas,
        List<HallView> halls,
        List<MovieView> movies,
        List<ShowView> shows) {

    @Serdeable
    public record CityView(String id, String name, String countryCode, String timeZone) {
    }

    @Serdeable
    public record CinemaView(String id, String cityId, String name, String address, double latitude, double longitude) {
    }

    @Serdeable
    public record HallView(String id, String cinemaId, String name, List<SeatView> seats) {
    }

    @Serdeable
    public record SeatView(String id, String row, int number, int x, int y, String category) {
    }

    @Serdeable
    public record MovieView(String id, String title, String description, List<String> genres, int runtimeMinutes,
            String rating, @Nullable String releaseDate, @Nullable String posterUrl, @Nullable String trailerUrl) {
    }

    @Serdeable
    public record ShowView(String id, String movieId, String hallId, String startsAt, String endsAt, String format,
            String language, String status, List<PriceView> prices, int seatsAvailable) {
    }

    @Serdeable
    public record PriceView(String category, String amount, String currency) {
    }
}
