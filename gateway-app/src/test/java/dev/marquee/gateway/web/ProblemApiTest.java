package dev.marquee.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.web.ApiClient.Answer;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Micronaut's own errors come out as problems too. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
// These tests read only the in-memory catalogue; the database schema is not theirs to migrate.
@Property(name = "flyway.datasources.default.enabled", value = "false")
class ProblemApiTest {
    @Inject
    EmbeddedServer server;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURL());
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        Answer answer = api.send("GET", "/api/v1/nowhere", null, null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().path("type").asText()).isEqualTo("https://marquee.dev/problems/route-not-found");
        assertThat(answer.json().path("status").asInt()).isEqualTo(404);
        assertThat(answer.json().path("instance").asText()).isEqualTo("/api/v1/nowhere");
    }

    @Test
    void aParameterThatDoesNotConvertIsABadRequestNamingIt() {
        Answer answer = api.send("GET", "/api/v1/cities/manchester-gb/cinemas?lat=north&lon=2", null, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.invalidParamNames()).containsExactly("lat");
    }

    @Test
    void anUnsupportedMediaTypeIsAProblem() {
        Answer answer = api.send("POST", "/api/v1/search", "text/plain", "hello");

        assertThat(answer.status()).isIn(405, 415);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().path("title").asText()).isNotBlank();
    }

    @Test
    void aMethodNotAllowedIsAProblem() {
        Answer answer = api.send("DELETE", "/api/v1/cities", null, null);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().path("type").asText()).isEqualTo("https://marquee.dev/problems/method-not-allowed");
    }

    @Test
    void aBodyLargerThanTheLimitIsAPayloadTooLargeProblem() {
        String body = "{\"email\":\"" + "a".repeat(65 * 1024) + "@example.org\",\"seatCount\":1}";

        Answer answer = api.call("POST", "/api/v1/shows/aurora:1/waitlist", java.util.Map.of(), body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("type").asText()).isEqualTo("https://marquee.dev/problems/payload-too-large");
        assertThat(answer.json().path("title").asText()).isEqualTo("Request too large");
    }

    @Test
    void aRequestLineLongerThanNettyTakesIsAPayloadTooLargeProblem() {
        Answer answer = api.send("GET", "/api/v1/movies/" + "a".repeat(10_000), null, null);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().path("title").asText()).isEqualTo("Request too large");
    }

    @Test
    void bodyThatIsNotJsonIsABadRequestNamingTheBody() {
        // Not through the contract check, which refuses to judge a request whose body it cannot parse either.
        Answer answer = api.send("POST", "/api/v1/shows/aurora:1/waitlist", "application/json", "{\"email\": nope");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().path("type").asText()).isEqualTo("https://marquee.dev/problems/invalid-parameters");
        assertThat(answer.invalidParamNames()).containsExactly("body");
    }

    @Test
    void aPathWithATrailingSlashIsNoResource() {
        for (String path : java.util.List.of("/api/v1/cities/", "/api/v1/movies/interstellar-2014/", "/api/v1/search/?q=dark")) {
            Answer answer = api.send("GET", path, null, null);

            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.json().path("type").asText()).isEqualTo("https://marquee.dev/problems/route-not-found");
        }
    }

    @Test
    void aPathValueLongerThanTheLimitIsABadRequestNamingItWithoutEchoingIt() {
        Answer answer = api.get("/api/v1/movies/" + "a".repeat(3_000));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamReason("movieId")).isEqualTo("must be at most 200 characters, got 3000");
        assertThat(answer.json().path("detail").asText()).isEqualTo("movieId: must be at most 200 characters, got 3000");
    }

    @Test
    void aValueHoldingAControlCharacterIsABadRequestNamingIt() {
        // A NUL in an id used to reach PostgreSQL, which refuses it in text: a 500.
        assertThat(api.get("/api/v1/movies/a%00b").invalidParamReason("movieId")).isEqualTo("must not contain control characters");
        assertThat(api.get("/api/v1/search?q=dark%1Bknight").invalidParamNames()).containsExactly("q");
    }

    @Test
    void aQueryValueLongerThanTheLimitIsABadRequestNamingIt() {
        // A latitude of 201 characters, valid but for its length.
        Answer answer = api.get("/api/v1/cities/manchester-gb/cinemas?lat=53." + "4".repeat(198) + "&lon=-2.2");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamNames()).containsExactly("lat");
    }

    @Test
    void aQueryValueTheRouteDoesNotReadIsIgnoredWhateverItsLength() {
        assertThat(api.send("GET", "/api/v1/cities?utm=" + "x".repeat(2_000), null, null).status()).isEqualTo(200);
    }
}
