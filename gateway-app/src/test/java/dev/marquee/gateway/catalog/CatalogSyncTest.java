package dev.marquee.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.Chains;
import dev.marquee.gateway.testing.ScriptedTheatre;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.Show;
import dev.marquee.spi.ShowStatus;
import dev.marquee.spi.TheatreUnavailableException;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "test", transactional = false, startApplication = false)
@Property(name = "marquee.sync.enabled", value = "false")
class CatalogSyncTest {
    private static final Instant TOMORROW = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Inject
    CatalogSync sync;
    @Inject
    CatalogHolder holder;
    @Inject
    CatalogStore store;
    @Inject
    CatalogTables tables;

    @BeforeEach
    void startEmpty() {
        tables.clear();
        sync.reload();
    }

    @Test
    void aFirstSyncBringsTheWholeCatalogueWithIdsThatNameTheChain() {
        Chain aurora = Chains.of("aurora", ScriptedTheatre.withOneCinema("aurora", "Manchester", "Interstellar", TOMORROW));

        AppliedChanges applied = sync.sync(aurora);

        assertThat(applied.shows()).isEqualTo(1);
        Catalog catalog = holder.current();
        assertThat(catalog.cities()).extracting(City::id).containsExactly("manchester-gb");
        assertThat(catalog.cinema("aurora:cin-1")).get().extracting(Cinema::cityId).isEqualTo("manchester-gb");
        assertThat(catalog.hall("aurora:hall-1")).get().extracting(Hall::capacity).isEqualTo(6);
        assertThat(catalog.movie("interstellar-2014")).isPresent();
        dev.marquee.gateway.catalog.Show show = catalog.show("aurora:show-1").orElseThrow();
        assertThat(show.cinemaId()).isEqualTo("aurora:cin-1");
        assertThat(show.startsAt()).isEqualTo(TOMORROW);
        assertThat(show.lowestPrice()).get().extracting(m -> m.amount().toPlainString()).isEqualTo("9.50");
    }

    @Test
    void theSameCityAndMovieAtTwoChainsAreOneCityAndOneMovie() {
        sync.sync(Chains.of("aurora", ScriptedTheatre.withOneCinema("aurora", "Manchester", "Interstellar", TOMORROW)));
        sync.sync(Chains.of("lumen", ScriptedTheatre.withOneCinema("lumen", "Manchester", "Interstellar", TOMORROW)));

        Catalog catalog = holder.current();
        assertThat(catalog.cities()).hasSize(1);
        assertThat(catalog.cinemasIn("manchester-gb")).extracting(Cinema::id).containsExactlyInAnyOrder("aurora:cin-1", "lumen:cin-1");
        assertThat(catalog.movies()).hasSize(1);
        assertThat(catalog.showsOf("interstellar-2014")).extracting(dev.marquee.gateway.catalog.Show::id)
                .containsExactlyInAnyOrder("aurora:show-1", "lumen:show-1");
    }

    @Test
    void chainsSharingCitiesAndMoviesCanSyncAtTheSameTime() throws Exception {
        for (int round = 0; round < 5; round++) {
            tables.clear();
            java.util.List<java.util.concurrent.Callable<AppliedChanges>> syncs = java.util.stream.IntStream.range(0, 4)
                    .mapToObj(i -> (java.util.concurrent.Callable<AppliedChanges>) () -> sync.sync(Chains.of("chain" + i,
                            ScriptedTheatre.withOneCinema("chain" + i, "Glasgow", "Heat", TOMORROW))))
                    .toList();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                for (var result : pool.invokeAll(syncs)) {
                    assertThat(result.get().shows()).isEqualTo(1);
                }
            }
            assertThat(holder.current().cinemasIn("glasgow-gb")).hasSize(4);
            assertThat(holder.current().movies()).hasSize(1);
        }
    }

    @Test
    void anIncrementalSyncMovesAndCancelsShowsAndKeepsTheirIds() {
        ScriptedTheatre theatre = ScriptedTheatre.withOneCinema("aurora", "Leeds", "Arrival", TOMORROW, TOMORROW.plus(Duration.ofHours(3)));
        Chain chain = Chains.of("aurora", theatre);
        sync.sync(chain);

        Show moved = ScriptedTheatre.show("show-1", "mov-1", "hall-1", TOMORROW.plus(Duration.ofHours(1)));
        theatre.put(moved);
        Show second = theatre.showNamed("show-2");
        theatre.put(new Show(second.ref(), second.movieRef(), second.hallRef(), second.startsAt(), second.endsAt(),
                second.format(), second.language(), ShowStatus.CANCELLED, second.prices(), second.seatsAvailable()));
        AppliedChanges applied = sync.sync(chain);

        assertThat(applied.shows()).isEqualTo(2);
        Catalog catalog = holder.current();
        assertThat(catalog.show("aurora:show-1")).get().extracting(dev.marquee.gateway.catalog.Show::startsAt)
                .isEqualTo(TOMORROW.plus(Duration.ofHours(1)));
        assertThat(catalog.show("aurora:show-2")).get().extracting(dev.marquee.gateway.catalog.Show::status)
                .isEqualTo(ShowStatus.CANCELLED);
        assertThat(store.cursorOf("aurora").value()).isNotEmpty();
    }

    @Test
    void showsTheChainSendsAgainUnchangedAreNotWrittenAgain() {
        ScriptedTheatre theatre = ScriptedTheatre.withOneCinema("aurora", "Leeds", "Arrival", TOMORROW);
        Chain chain = Chains.of("aurora", theatre);
        sync.sync(chain);
        long version = holder.current().version();

        theatre.put(theatre.showNamed("show-1"));
        AppliedChanges again = sync.sync(chain);

        assertThat(again.shows()).isZero();
        assertThat(again.changedAnything()).isFalse();
        assertThat(holder.current().version()).as("no rebuild for nothing new").isEqualTo(version);
    }

    @Test
    void aCompleteReadCancelsShowsTheChainNoLongerLists() {
        sync.sync(Chains.of("aurora",
                ScriptedTheatre.withOneCinema("aurora", "York", "Dune", TOMORROW, TOMORROW.plus(Duration.ofHours(3)))));
        ScriptedTheatre withoutSecondShow = ScriptedTheatre.withOneCinema("aurora", "York", "Dune", TOMORROW);

        AppliedChanges applied = store.apply("aurora", withoutSecondShow.readCatalog(CatalogCursor.START), Instant.now());
        sync.reload();

        assertThat(applied.showsRetired()).isEqualTo(1);
        assertThat(holder.current().show("aurora:show-2")).get().extracting(dev.marquee.gateway.catalog.Show::status)
                .isEqualTo(ShowStatus.CANCELLED);
        assertThat(holder.current().show("aurora:show-1")).get().extracting(dev.marquee.gateway.catalog.Show::status)
                .isEqualTo(ShowStatus.SCHEDULED);
    }

    @Test
    void anInstanceThatDoesNotSyncLoadsWhatAnotherSyncedWhenTheStoredRevisionMoves() {
        CatalogHolder elsewhere = new CatalogHolder();
        CatalogSync otherInstance = new CatalogSync(store, elsewhere, java.time.Clock.systemUTC());
        otherInstance.reload();
        assertThat(otherInstance.reloadIfChanged()).as("nothing synced since it loaded").isFalse();

        sync.sync(Chains.of("aurora", ScriptedTheatre.withOneCinema("aurora", "Leeds", "Heat", TOMORROW)));

        assertThat(otherInstance.reloadIfChanged()).isTrue();
        assertThat(elsewhere.current().show("aurora:show-1")).isPresent();
        assertThat(otherInstance.statusOf("aurora").lastSuccessAt()).as("the syncing instance's status, read from the store")
                .isNotNull();
        assertThat(otherInstance.reloadIfChanged()).as("loaded once per revision").isFalse();
    }

    @Test
    void aSyncThatChangedNothingLeavesTheRevisionAlone() {
        ScriptedTheatre theatre = ScriptedTheatre.withOneCinema("aurora", "Leeds", "Heat", TOMORROW);
        sync.sync(Chains.of("aurora", theatre));
        long revision = store.revision();

        // The chain has nothing new since the cursor.
        sync.sync(Chains.of("aurora", theatre));

        assertThat(store.revision()).isEqualTo(revision);
    }

    @Test
    void aFailingChainKeepsItsLastGoodCatalogueAndTheFailureIsRecorded() {
        ScriptedTheatre theatre = ScriptedTheatre.withOneCinema("aurora", "Bristol", "Heat", TOMORROW);
        Chain chain = Chains.of("aurora", theatre);
        sync.sync(chain);
        theatre.goDown(true);

        assertThatThrownBy(() -> sync.sync(chain)).isInstanceOf(TheatreUnavailableException.class);

        assertThat(holder.current().show("aurora:show-1")).isPresent();
        SyncStatus status = store.syncStatuses().getFirst();
        assertThat(status.healthy()).isFalse();
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.lastError()).contains("scripted outage");
        assertThat(status.lastSuccessAt()).isNotNull();
    }

    @Test
    void showsNamingAnUnknownHallAreSkippedNotFatal() {
        ScriptedTheatre theatre = ScriptedTheatre.withOneCinema("aurora", "Bath", "Heat", TOMORROW);
        theatre.put(ScriptedTheatre.show("show-x", "mov-1", "no-such-hall", TOMORROW));

        AppliedChanges applied = sync.sync(Chains.of("aurora", theatre));

        assertThat(applied.rejected()).isEqualTo(1);
        assertThat(holder.current().show("aurora:show-1")).isPresent();
        assertThat(holder.current().show("aurora:show-x")).isEmpty();
    }
}
