package dev.marquee.gateway.catalog.browse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Cinemas;
import dev.marquee.gateway.catalog.TestCatalog;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.ApiClient.Answer;
import dev.marquee.gateway.web.TestClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The browse endpoints over HTTP; every exchange is also checked against gateway-api.yaml. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
// These tests read only the in-memory catalogue; the database schema is not theirs to migrate.
@Property(name = "flyway.datasources.default.enabled", value = "false")
@Property(name = "marquee.test.clock", value = "fixed")
class BrowseApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    CatalogHolder catalogs;
    @Inject
    TestClock clock;

    ApiClient api;

    @BeforeEach
    void catalogue() {
        clock.set(Cinemas.NOW);
        catalogs.replace(Cinemas.standard());
        api = new ApiClient(server.getURL());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    @Test
    void citiesComeByNameWithTheirNumberOfCinemas() {
        Answer answer = api.get("/api/v1/cities");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode cities = answer.json().path("cities");
        assertThat(texts(cities, "id")).containsExactly("leeds-gb", "manchester-gb", "new-york-us");
        assertThat(cities.get(1).path("cinemaCount").asInt()).isEqualTo(3);
        assertThat(cities.get(1).path("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(cities.get(0).path("cinemaCount").asInt()).isZero();
    }

    @Test
    void emptyListsAreAnsweredEmptyNotLeftOut() {
        catalogs.replace(TestCatalog.catalog().build());
        assertThat(api.get("/api/v1/cities").body()).isEqualTo("{\"cities\":[]}");

        catalogs.replace(TestCatalog.catalog()
                .city("leeds-gb", "Leeds", "Europe/London")
                .cinema("aurora:5", "leeds-gb", "Aurora Leeds", 53.80, -1.55)
                .build());
        JsonNode cinema = api.get("/api/v1/cinemas/aurora:5").json();
        assertThat(cinema.path("upcomingShows").isArray()).isTrue();
        assertThat(cinema.path("upcomingShows")).isEmpty();
    }

    @Test
    void moviesInACityFromNowOn() {
        JsonNode movies = api.get("/api/v1/cities/manchester-gb/movies").json().path("movies");

        assertThat(texts(movies, "title")).containsExactly("Interstellar", "Paddington 2", "The Dark Knight");
        JsonNode interstellar = movies.get(0);
        // 101, 102, 701, 201: not the started 103 nor the cancelled 104
        assertThat(interstellar.path("showCount").asInt()).isEqualTo(4);
        assertThat(interstellar.path("cinemaCount").asInt()).isEqualTo(3);
        assertThat(interstellar.path("nextShowAt").asText()).isEqualTo("2026-03-10T19:00:00Z");
    }

    @Test
    void moviesInACityOnALocalDate() {
        Answer answer = api.get("/api/v1/cities/manchester-gb/movies?date=2026-03-13");

        assertThat(answer.json().path("date").asText()).isEqualTo("2026-03-13");
        assertThat(texts(answer.json().path("movies"), "title")).containsExactly("The Dark Knight");
    }

    @Test
    void moviesInACityWithAMalformedDateIsABadRequestNamingDate() {
        Answer answer = api.get("/api/v1/cities/manchester-gb/movies?date=13-03-2026");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.invalidParamNames()).containsExactly("date");
        assertThat(answer.json().path("type").asText()).isEqualTo("https://marquee.dev/problems/invalid-parameters");
    }

    @Test
    void aDateWithoutFourDigitsOfYearIsABadRequestNamingDate() {
        // LocalDate.parse takes both; they used to be echoed back in a 200 that broke `format: date`.
        assertThat(api.get("/api/v1/cities/manchester-gb/movies?date=-0001-01-01").invalidParamNames()).containsExactly("date");
        assertThat(api.get("/api/v1/movies/interstellar-2014/shows?date=%2B12026-03-10").invalidParamNames()).containsExactly("date");
    }

    @Test
    void moviesInAnUnknownCityIsNotFound() {
        Answer answer = api.get("/api/v1/cities/atlantis-xx/movies");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().path("detail").asText()).contains("atlantis-xx");
    }

    @Test
    void aMovieHasItsDetails() {
        JsonNode movie = api.get("/api/v1/movies/interstellar-2014").json();

        assertThat(movie.path("title").asText()).isEqualTo("Interstellar");
        assertThat(texts(movie.path("genres"), "x")).hasSize(2);
        assertThat(movie.path("runtimeMinutes").asInt()).isEqualTo(120);
    }

    @Test
    void anUnknownMovieIsNotFound() {
        assertThat(api.get("/api/v1/movies/nope-1999").status()).isEqualTo(404);
    }

    @Test
    void showsOfAMovieByCinemaName() {
        JsonNode cinemas = api.get("/api/v1/movies/interstellar-2014/shows?city=manchester-gb").json().path("cinemas");

        assertThat(texts(cinemas, "name")).containsExactly("Aurora Deansgate", "Aurora Salford Quays", "Regal Printworks");
        JsonNode deansgate = cinemas.get(0);
        assertThat(deansgate.has("distanceKm")).isFalse();
        assertThat(deansgate.path("chain").path("id").asText()).isEqualTo("aurora");
        assertThat(texts(deansgate.path("shows"), "id")).containsExactly("aurora:101", "aurora:102");
        JsonNode show = deansgate.path("shows").get(0);
        assertThat(show.path("hall").path("name").asText()).isEqualTo("Screen 1");
        assertThat(show.path("lowestPrice").path("amount").asText()).isEqualTo("9.50");
        assertThat(show.path("lowestPrice").path("currency").asText()).isEqualTo("GBP");
        assertThat(show.path("seatsAvailable").asInt()).isEqualTo(6);
    }

    @Test
    void showsOfAMovieNearestFirstWithDistances() {
        JsonNode cinemas = api.get("/api/v1/movies/interstellar-2014/shows?city=manchester-gb&lat="
                + Cinemas.NEAR_DEANSGATE_LAT + "&lon=" + Cinemas.NEAR_DEANSGATE_LON).json().path("cinemas");

        assertThat(texts(cinemas, "name")).containsExactly("Aurora Deansgate", "Regal Printworks", "Aurora Salford Quays");
        assertThat(cinemas.get(0).path("distanceKm").asDouble()).isLessThan(cinemas.get(1).path("distanceKm").asDouble());
    }

    @Test
    void showsOfAMovieOnADateUseEachCinemasTimeZone() {
        JsonNode cinemas = api.get("/api/v1/movies/interstellar-2014/shows?date=2026-03-10").json().path("cinemas");

        assertThat(texts(cinemas, "name")).containsExactly("Aurora Deansgate", "Regal Printworks", "Regal Times Square");
    }

    @Test
    void showsOfAMovieWithLatButNoLonIsABadRequestNamingLon() {
        Answer answer = api.get("/api/v1/movies/interstellar-2014/shows?lat=53.4");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamNames()).containsExactly("lon");
    }

    @Test
    void showsOfAMovieWithALatitudeOutOfRangeIsABadRequestNamingLat() {
        Answer answer = api.get("/api/v1/movies/interstellar-2014/shows?lat=91&lon=0");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamNames()).containsExactly("lat");
    }

    @Test
    void showsOfAMovieWithAMalformedDateIsABadRequestNamingDate() {
        Answer answer = api.get("/api/v1/movies/interstellar-2014/shows?date=tomorrow");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamNames()).containsExactly("date");
    }

    @Test
    void showsOfAnUnknownMovieOrInAnUnknownCityAreNotFound() {
        assertThat(api.get("/api/v1/movies/nope-1999/shows").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/movies/interstellar-2014/shows?city=atlantis-xx").status()).isEqualTo(404);
    }

    @Test
    void cinemasOfACityByNameOrNearestFirst() {
        JsonNode byName = api.get("/api/v1/cities/manchester-gb/cinemas").json().path("cinemas");
        JsonNode nearest = api.get("/api/v1/cities/manchester-gb/cinemas?lat=53.4713&lon=-2.2970").json().path("cinemas");

        assertThat(texts(byName, "name")).containsExactly("Aurora Deansgate", "Aurora Salford Quays", "Regal Printworks");
        assertThat(texts(nearest, "name")).first().isEqualTo("Aurora Salford Quays");
        assertThat(nearest.get(0).path("distanceKm").asDouble()).isZero();
        assertThat(byName.get(0).path("location").path("latitude").asDouble()).isEqualTo(53.4794);
    }

    @Test
    void cinemasOfACityWithALongitudeOutOfRangeOrUnknownCity() {
        Answer badLon = api.get("/api/v1/cities/manchester-gb/cinemas?lat=53&lon=200");

        assertThat(badLon.status()).isEqualTo(400);
        assertThat(badLon.invalidParamNames()).containsExactly("lon");
        assertThat(api.get("/api/v1/cities/atlantis-xx/cinemas").status()).isEqualTo(404);
    }

    @Test
    void aCinemaHasItsHallsAndShowsOfTheNextTwoWeeks() {
        JsonNode cinema = api.get("/api/v1/cinemas/aurora:2").json();

        assertThat(cinema.path("name").asText()).isEqualTo("Aurora Salford Quays");
        assertThat(cinema.path("address").asText()).isNotBlank();
        assertThat(cinema.path("chain").path("id").asText()).isEqualTo("aurora");
        assertThat(cinema.path("halls").get(0).path("capacity").asInt()).isEqualTo(6);
        // aurora:203 is 20 days ahead
        assertThat(texts(cinema.path("upcomingShows"), "id")).containsExactly("aurora:202", "aurora:201");
        assertThat(cinema.path("upcomingShows").get(0).path("movie").path("title").asText()).isEqualTo("Paddington 2");
        assertThat(cinema.path("upcomingUntil").asText()).isEqualTo("2026-03-24T12:00:00Z");
    }

    @Test
    void anUnknownCinemaIsNotFound() {
        assertThat(api.get("/api/v1/cinemas/aurora:999").status()).isEqualTo(404);
    }

    @Test
    void aShowHasItsMovieCinemaHallAndPricesPerCategory() {
        JsonNode show = api.get("/api/v1/shows/aurora:101").json();

        assertThat(show.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(show.path("onSale").asBoolean()).isTrue();
        assertThat(show.path("movie").path("title").asText()).isEqualTo("Interstellar");
        assertThat(show.path("cinema").path("name").asText()).isEqualTo("Aurora Deansgate");
        assertThat(show.path("hall").path("capacity").asInt()).isEqualTo(6);
        assertThat(texts(show.path("prices"), "category")).containsExactly("standard", "premium");
        assertThat(show.path("prices").get(1).path("price").path("amount").asText()).isEqualTo("12.00");
    }

    @Test
    void aCancelledShowIsShownAsNotOnSale() {
        JsonNode show = api.get("/api/v1/shows/aurora:104").json();

        assertThat(show.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(show.path("onSale").asBoolean()).isFalse();
    }

    @Test
    void anUnknownShowIsNotFound() {
        Answer answer = api.get("/api/v1/shows/aurora:0");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("instance").asText()).isEqualTo("/api/v1/shows/aurora:0");
    }
}
