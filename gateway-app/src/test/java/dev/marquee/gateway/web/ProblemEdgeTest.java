package dev.marquee.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one edge for credentials and errors: the Bearer argument and the ProblemException handler. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "spec.name", value = "ProblemEdgeTest")
@Property(name = "marquee.sync.enabled", value = "false")
// Nothing here reads the database; its schema is not this test's to migrate.
@Property(name = "flyway.datasources.default.enabled", value = "false")
class ProblemEdgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;
    @Inject
    EdgeController controller;
    @Inject
    JsonMapper jsonMapper;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        controller.calls.set(0);
    }

    @Test
    void aBearerTokenReachesTheControllerWhateverTheCaseOfTheScheme() throws Exception {
        HttpResponse<String> upper = get("/edge/token", "Bearer tok-123");
        HttpResponse<String> lower = get("/edge/token", "bearer  tok-456 ");

        assertThat(upper.statusCode()).isEqualTo(200);
        assertThat(upper.body()).isEqualTo("tok-123");
        assertThat(lower.body()).isEqualTo("tok-456");
    }

    @Test
    void withoutAnAuthorizationHeaderTheAnswerIs401BeforeTheControllerRuns() throws Exception {
        assertUnauthorized(get("/edge/token", null), "/edge/token");
        assertThat(controller.calls).hasValue(0);
    }

    @Test
    void anotherSchemeIsAnswered401() throws Exception {
        assertUnauthorized(get("/edge/token", "Basic dXNlcjpwYXNz"), "/edge/token");
        assertUnauthorized(get("/edge/token", "Bearertok-123"), "/edge/token");
        assertThat(controller.calls).hasValue(0);
    }

    @Test
    void anEmptyTokenIsAnswered401() throws Exception {
        assertUnauthorized(get("/edge/token", "Bearer"), "/edge/token");
        assertUnauthorized(get("/edge/token", "Bearer    "), "/edge/token");
        assertThat(controller.calls).hasValue(0);
    }

    @Test
    void aProblemExceptionIsAnsweredWithItsProblemAndHeaders() throws Exception {
        HttpResponse<String> answer = get("/edge/busy", "Bearer tok-123");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("3");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo(ProblemType.CHAIN_UNAVAILABLE.uri());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("instance").asText()).isEqualTo("/edge/busy");
        assertThat(problem.path("queued").asInt()).as("an extension member").isEqualTo(7);
        assertThat(problem.has("extensions")).as("extensions stand at the top level").isFalse();
    }

    @Test
    void theFoldedExceptionsTakeTheSamePath() throws Exception {
        HttpResponse<String> answer = get("/edge/missing", "Bearer tok-123");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).path("type").asText()).isEqualTo(ProblemType.NOT_FOUND.uri());
        assertThat(JSON.readTree(answer.body()).path("instance").asText()).isEqualTo("/edge/missing");
    }

    @Test
    void aKeptProblemTextIsWhatTheHandlerAnswers() throws Exception {
        HttpResponse<String> answered = get("/edge/busy", "Bearer tok-123");

        String kept = Problems.json(jsonMapper, HttpRequest.GET("/edge/busy"), EdgeController.BUSY);

        assertThat(JSON.readTree(kept)).isEqualTo(JSON.readTree(answered.body()));
    }

    @Test
    void aDatabaseThatCannotBeReachedAnswers503WithRetryAfterAndNoInternals() throws Exception {
        HttpResponse<String> answered = get("/edge/database-down", null);

        assertThat(answered.statusCode()).isEqualTo(503);
        assertThat(answered.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = JSON.readTree(answered.body());
        assertThat(problem.path("type").asText()).isEqualTo(ProblemType.DATABASE_UNAVAILABLE.uri());
        assertThat(problem.path("instance").asText()).isEqualTo("/edge/database-down");
        assertThat(answered.body()).doesNotContain("127.0.0.1").doesNotContain("Connection");
    }

    @Test
    void anyOtherFailureStaysA500WithoutRetryAfter() throws Exception {
        HttpResponse<String> answered = get("/edge/broken", null);

        assertThat(answered.statusCode()).isEqualTo(500);
        assertThat(answered.headers().firstValue("Retry-After")).isEmpty();
        assertThat(JSON.readTree(answered.body()).path("type").asText()).isEqualTo(ProblemType.INTERNAL.uri());
    }

    @Test
    void aBearerDoesNotPrintItsToken() {
        assertThat(new Bearer("s3cret-token").toString()).doesNotContain("s3cret-token");
        assertThat(Bearer.parse("Bearer s3cret-token")).hasValue(new Bearer("s3cret-token"));
    }

    private void assertUnauthorized(HttpResponse<String> answer, String path) throws IOException {
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo(ProblemType.UNAUTHORIZED.uri());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("detail").asText()).contains("Authorization: Bearer <token>");
        assertThat(problem.path("instance").asText()).isEqualTo(path);
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Controller("/edge")
    @Requires(property = "spec.name", value = "ProblemEdgeTest")
    static class EdgeController {
        static final Problem BUSY = Problem.of(ProblemType.CHAIN_UNAVAILABLE, "Busy; try again shortly").with("queued", 7);

        final AtomicInteger calls = new AtomicInteger();

        @Get(value = "/token", produces = "text/plain")
        String token(Bearer bearer) {
            calls.incrementAndGet();
            return bearer.token();
        }

        @Get("/busy")
        String busy(Bearer bearer) {
            calls.incrementAndGet();
            throw new ProblemException(BUSY, Problems.retryAfter(Duration.ofMillis(2_500)), null);
        }

        /** What a repository throws while PostgreSQL restarts: the pool found no connection in time. */
        @Get("/database-down")
        String databaseDown() {
            throw new IllegalStateException("reading a hold", new java.sql.SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 5000ms (127.0.0.1:5432)"));
        }

        /** A failure that has nothing to do with the database, such as a constraint of the gateway's own. */
        @Get("/broken")
        String broken() {
            throw new IllegalStateException("reading a hold", new java.sql.SQLException("duplicate key", "23505"));
        }

        @Get("/missing")
        String missing(Bearer bearer) {
            calls.incrementAndGet();
            throw new NotFoundException("thing", "t-1");
        }
    }
}
