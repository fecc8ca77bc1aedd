package dev.marquee.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.contracts.sandbox.BoxOfficeSale;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.AppliedChanges;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.Health;
import dev.marquee.spi.ShowStatus;
import io.micronaut.core.type.Argument;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway against two running sandbox chains through the REST adapter: the catalogue syncs, is
 * merged and browsable, follows schedule changes at the chain, and seat maps show the chain's sales.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxChainsEndToEndTest implements TestPropertyProvider {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private SandboxTheatre aurora;
    private SandboxTheatre lumen;

    @Inject
    CatalogSync sync;
    @Inject
    CatalogHolder catalog;
    @Inject
    ChainRegistry chains;
    @Inject
    CatalogTables tables;
    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        aurora = SandboxTheatre.builder().seed(1).size("small").chainName("Aurora Cinemas").start();
        lumen = SandboxTheatre.builder().seed(2).size("small").chainName("Lumen Pictures").start();
        return Map.of(
                "marquee.sync.enabled", "false",
                "marquee.chains.aurora.adapter", "rest",
                "marquee.chains.aurora.name", "Aurora Cinemas",
                "marquee.chains.aurora.settings.base-url", aurora.baseUrl().toString(),
                "marquee.chains.aurora.seat-map-ttl", "0s",
                "marquee.chains.lumen.adapter", "rest",
                "marquee.chains.lumen.name", "Lumen Pictures",
                "marquee.chains.lumen.settings.base-url", lumen.baseUrl().toString());
    }

    @BeforeAll
    void syncBothChainsFromScratch() {
        tables.clear();
        for (Chain chain : chains.all()) {
            sync.sync(chain);
        }
    }

    @AfterAll
    void stopSandboxes() {
        if (aurora != null) {
            aurora.close();
        }
        if (lumen != null) {
            lumen.close();
        }
    }

    @Test
    @Order(1)
    void bothChainsAreBrowsableWithCitiesAndMoviesMergedAcrossThem() {
        Map<String, Object> body = http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/api/v1/cities"), JSON);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cities = (List<Map<String, Object>>) body.get("cities");

        assertThat(cities).isNotEmpty();
        assertThat(cities).allSatisfy(city -> assertThat((Integer) city.get("cinemaCount")).isPositive());
        assertThat(catalog.current().cinemas()).extracting(c -> c.chainId()).contains("aurora", "lumen");
        long moviesAtBoth = catalog.current().movies().stream()
                .filter(m -> catalog.current().showsOf(m.id()).stream().map(Show::chainId).distinct().count() == 2)
                .count();
        assertThat(moviesAtBoth).as("movies shown by both chains are one movie").isPositive();
    }

    @Test
    @Order(2)
    void aShowAddedMovedAndCancelledAtTheChainFollowsInTheNextSync() {
        Show existing = anUpcomingShowOf("aurora");
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String addedRef = aurora.admin().addShow(movieRefOf(existing), hallRefOf(existing), start);

        syncChain("aurora");
        String addedId = "aurora:" + addedRef;
        assertThat(catalog.current().show(addedId)).get().extracting(Show::startsAt).isEqualTo(start);

        aurora.admin().moveShow(addedRef, start.plus(Duration.ofMinutes(45)));
        AppliedChanges afterMove = syncChain("aurora");
        assertThat(afterMove.shows()).isPositive();
        assertThat(catalog.current().show(addedId)).get().extracting(Show::startsAt).isEqualTo(start.plus(Duration.ofMinutes(45)));

        aurora.admin().cancelShow(addedRef);
        syncChain("aurora");
        assertThat(catalog.current().show(addedId)).get().extracting(Show::status).isEqualTo(ShowStatus.CANCELLED);
    }

    @Test
    @Order(3)
    void theSeatMapShowsSeatsSoldDirectlyAtTheChain() {
        Show show = anUpcomingShowOf("lumen");
        List<String> seats = catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream()
                .limit(2).map(s -> s.ref()).toList();
        BoxOfficeSale sale = lumen.admin().sell(show.ref(), seats);
        assertThat(sale).isInstanceOf(BoxOfficeSale.Sold.class);

        Map<String, Object> map = http.toBlocking().retrieve(
                io.micronaut.http.HttpRequest.GET("/api/v1/shows/" + show.id() + "/seats"), JSON);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seatList = (List<Map<String, Object>>) map.get("seats");
        assertThat(seatList).filteredOn(s -> seats.contains(s.get("id"))).extracting(s -> s.get("status"))
                .containsOnly("SOLD");
        assertThat(seatList).filteredOn(s -> !seats.contains(s.get("id"))).extracting(s -> s.get("status"))
                .doesNotContain("SOLD");
        assertThat(map.get("availabilityReadAt")).isNotNull();
    }

    @Test
    @Order(4)
    void healthSaysPerChainThatItsLastSyncSucceeded() {
        Map<String, Object> health = http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/health")
                .bearerAuth(Health.OPERATOR_KEY), JSON);

        @SuppressWarnings("unchecked")
        Map<String, Object> chainsHealth = (Map<String, Object>) ((Map<String, Object>) health.get("details")).get("chains");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) chainsHealth.get("details");
        assertThat(details).containsKeys("aurora", "lumen");
        @SuppressWarnings("unchecked")
        Map<String, Object> auroraHealth = (Map<String, Object>) details.get("aurora");
        assertThat(auroraHealth.get("lastSyncSucceeded")).isEqualTo(true);
        assertThat(auroraHealth.get("lastSyncAt")).isNotNull();
    }

    private AppliedChanges syncChain(String id) {
        return sync.sync(chains.chain(id).orElseThrow());
    }

    private Show anUpcomingShowOf(String chainId) {
        Instant soon = Instant.now().plus(1, ChronoUnit.HOURS);
        return catalog.current().cinemas().stream().filter(c -> c.chainId().equals(chainId))
                .flatMap(c -> catalog.current().showsAt(c.id()).stream())
                .filter(s -> s.isOnSale(soon))
                .findFirst().orElseThrow();
    }

    private String movieRefOf(Show show) {
        // The chain's movie ref is not kept on the gateway's show; read it back from the chain's catalogue.
        return chains.chain(show.chainId()).orElseThrow().theatre().readCatalog(dev.marquee.spi.CatalogCursor.START).shows().stream()
                .filter(s -> s.ref().equals(show.ref())).findFirst().orElseThrow().movieRef();
    }

    private String hallRefOf(Show show) {
        return show.hallId().substring(show.hallId().indexOf(':') + 1);
    }
}
