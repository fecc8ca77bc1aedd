package dev.marquee.gateway.catalog.search;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/search} over HTTP; every exchange is also checked against gateway-api.yaml. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
// These tests read only the in-memory catalogue; the database schema is not theirs to migrate.
@Property(name = "flyway.datasources.default.enabled", value = "false")
@Property(name = "marquee.test.clock", value = "fixed")
class SearchApiTest {
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

    @Test
    void aMisspelledTitleFindsTheMovieWithCinemasAndDates() {
        Answer answer = api.get("/api/v1/search?q=intersteller&city=manchester-gb&from=2026-03-10&to=2026-03-11");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode movie = answer.json().path("movies").get(0);
        assertThat(movie.path("title").asText()).isEqualTo("Interstellar");
        assertThat(movie.path("cinemas").get(0).path("name").asText()).isEqualTo("Aurora Deansgate");
        assertThat(movie.path("cinemas").get(0).path("dates").toString()).isEqualTo("[\"2026-03-10\",\"2026-03-11\"]");
    }

    @Test
    void theIndexFollowsTheCatalogue() {
        catalogs.replace(TestCatalog.catalog()
                .city("manchester-gb", "Manchester", "Europe/London")
                .cinema("aurora:1", "manchester-gb", "Aurora Deansgate", 53.4794, -2.2453)
                .movie("dune-2021", "Dune", "Spice.", "Science Fiction")
                .show("aurora:1", "dune-2021", "aurora:1", Cinemas.NOW.plusSeconds(3600))
                .build());

        assertThat(api.get("/api/v1/search?q=interstellar").json().path("movies")).isEmpty();
        assertThat(api.get("/api/v1/search?q=dune").json().path("movies").get(0).path("id").asText()).isEqualTo("dune-2021");
    }

    @Test
    void aBlankQueryIsABadRequestNamingQ() {
        Answer blank = api.get("/api/v1/search?q=%20");
        Answer missing = api.get("/api/v1/search");

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.invalidParamNames()).containsExactly("q");
        assertThat(missing.invalidParamNames()).containsExactly("q");
    }

    @Test
    void fromAfterToIsABadRequestNamingBoth() {
        Answer answer = api.get("/api/v1/search?q=dark&from=2026-03-12&to=2026-03-11");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamNames()).containsExactly("from", "to");
    }

    @Test
    void aMalformedDateIsABadRequestNamingIt() {
        assertThat(api.get("/api/v1/search?q=dark&to=2026-02-30").invalidParamNames()).containsExactly("to");
        assertThat(api.get("/api/v1/search?q=dark&from=soon").invalidParamNames()).containsExactly("from");
    }

    @Test
    void aLimitOutOfRangeIsABadRequestNamingLimit() {
        assertThat(api.get("/api/v1/search?q=dark&limit=0").invalidParamNames()).containsExactly("limit");
    }

    @Test
    void anUnknownCityIsNotFound() {
        assertThat(api.get("/api/v1/search?q=dark&city=atlantis-xx").status()).isEqualTo(404);
    }
}
