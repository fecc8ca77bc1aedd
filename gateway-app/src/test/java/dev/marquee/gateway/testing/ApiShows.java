package dev.marquee.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.web.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Finding a show and free seats through the public API, as a client of a gateway running on its own would. */
public final class ApiShows {
    private ApiShows() {
    }

    /** The first show of the catalogue at least four hours away, once the gateway has synced the chain. */
    public static JsonNode aShowOnSale(ApiClient api) {
        String city = Eventually.await("the chain's catalogue synced", BookingJourney.ASYNC,
                () -> api.get("/api/v1/cities").json().path("cities"), cities -> cities.size() > 0).get(0).path("id").asText();
        Instant later = Instant.now().plus(Duration.ofHours(4));
        for (JsonNode movie : api.get("/api/v1/cities/" + city + "/movies").json().path("movies")) {
            for (JsonNode cinema : api.get("/api/v1/movies/" + movie.path("id").asText() + "/shows?city=" + city).json()
                    .path("cinemas")) {
                Optional<JsonNode> show = StreamSupport.stream(cinema.path("shows").spliterator(), false)
                        .filter(s -> Instant.parse(s.path("startsAt").asText()).isAfter(later)).findFirst();
                if (show.isPresent()) {
                    return show.get();
                }
            }
        }
        throw new AssertionError("no show on sale four hours from now in " + city);
    }

    /** The first {@code count} seats of the show that the seat map says are available. */
    public static List<String> freeSeats(ApiClient api, String showId, int count) {
        JsonNode seats = api.get("/api/v1/shows/" + showId + "/seats").json().path("seats");
        List<String> free = StreamSupport.stream(seats.spliterator(), false)
                .filter(seat -> seat.path("status").asText().equals("AVAILABLE")).map(seat -> seat.path("id").asText())
                .limit(count).toList();
        assertThat(free).hasSize(count);
        return free;
    }
}
