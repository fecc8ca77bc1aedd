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
}
