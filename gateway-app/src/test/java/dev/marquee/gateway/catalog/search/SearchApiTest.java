package dev.marquee.gateway.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Cinemas;
import dev.marquee.gateway.catalog.TestCatalog;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.ApiClient.Answer;
import dev.marquee.gateway.web.TestClock;
import dev.marquee.gateway.catalog.browse.Browsing;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/search} over HTTP; every exchange is also checked against gateway-api.yaml. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "spec.name", value = "SearchApiTest")
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
    @Inject
    ThreadRecordingSearch search;

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
    void aSearchRunsOffTheEventLoop() {
        // Fuzzy matching costs CPU: it must not hold up the event loop that serves every other request.
        assertThat(api.get("/api/v1/search?q=interstellar").status()).isEqualTo(200);

        assertThat(search.thread).isNotNull();
        assertThat(search.thread.getName()).doesNotContainIgnoringCase("eventloop");
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
    void aQueryOfManyWordsIsABadRequestNamingQ() {
        String many = java.util.stream.IntStream.range(0, 150).mapToObj(i -> "w" + Integer.toString(i * 7919, 36))
                .collect(java.util.stream.Collectors.joining("+"));
        Answer hundredFifty = api.get("/api/v1/search?q=" + many);
        Answer eleven = api.get("/api/v1/search?q=one+two+three+four+five+six+seven+eight+nine+ten+eleven");

        assertThat(hundredFifty.status()).isEqualTo(400);
        assertThat(hundredFifty.invalidParamNames()).containsExactly("q");
        assertThat(eleven.status()).isEqualTo(400);
        assertThat(eleven.invalidParamReason("q")).isEqualTo("must be at most 10 words, got 11");
    }

    @Test
    void stopWordsDoNotCountTowardsTheWordLimit() {
        Answer answer = api.get("/api/v1/search?q=the+dark+knight+and+the+man+of+the+hour+in+the+night+of+the+city");

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aQueryLongerThanTheLimitIsABadRequestNamingQ() {
        Answer answer = api.get("/api/v1/search?q=" + "interstellar".repeat(17));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamReason("q")).isEqualTo("must be at most 200 characters, got 204");
    }

    @Test
    void theLongestAllowedQueryIsAnswered() {
        String tenLongWords = "interstelar+wormholes+explorers+travelling+throughout+galaxies+linguists+visitorss+presentss+paddingtons";

        assertThat(api.get("/api/v1/search?q=" + tenLongWords).status()).isEqualTo(200);
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
        // LocalDate.parse takes these, and they used to be echoed back in a 200 as if they were dates.
        assertThat(api.get("/api/v1/search?q=x&from=-2026-01-01").invalidParamNames()).containsExactly("from");
        assertThat(api.get("/api/v1/search?q=x&to=%2B12026-01-01").invalidParamNames()).containsExactly("to");
    }

    @Test
    void aLimitOutOfRangeIsABadRequestNamingLimit() {
        assertThat(api.get("/api/v1/search?q=dark&limit=0").invalidParamNames()).containsExactly("limit");
    }

    @Test
    void anUnknownCityIsNotFound() {
        assertThat(api.get("/api/v1/search?q=dark&city=atlantis-xx").status()).isEqualTo(404);
    }

    /** The search service, noting which thread asked it. */
    @Singleton
    @Replaces(SearchService.class)
    @Requires(property = "spec.name", value = "SearchApiTest")
    static class ThreadRecordingSearch extends SearchService {
        volatile Thread thread;

        ThreadRecordingSearch(CatalogHolder catalogs, Browsing browsing, Clock clock) {
            super(catalogs, browsing, clock);
        }

        @Override
        public SearchResults search(SearchQuery query) {
            thread = Thread.currentThread();
            return super.search(query);
        }
    }
}
