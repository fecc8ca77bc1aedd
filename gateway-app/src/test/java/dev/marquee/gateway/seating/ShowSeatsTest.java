package dev.marquee.gateway.seating;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.Cinemas;
import dev.marquee.gateway.catalog.Hall;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One show's versions, without a server: made per change, and the changes between them (a hall of A1-A3, B1-B3). */
class ShowSeatsTest {
    private static final String INSTANCE = "i1";
    private static final Instant NOW = Cinemas.NOW;

    private final Catalog catalog = Cinemas.standard();
    private final Show show = catalog.show("aurora:101").orElseThrow();
    private final Hall hall = catalog.hall(show.hallId()).orElseThrow();
    private final ShowSeats seats = new ShowSeats(show.id());

    private SeatMapVersion render() {
        return seats.render(INSTANCE, show, hall, NOW, map -> map.version().getBytes(StandardCharsets.UTF_8), false);
    }

    private void chainSays(Set<String> held, Set<String> sold) {
        seats.chainAnswered(new SeatAvailability(show.ref(), held, sold, NOW), false, NOW);
    }

    private static Map<String, SeatState> changes(SeatChanges changes) {
        return changes.changes().stream().collect(Collectors.toMap(SeatChanges.Change::id, SeatChanges.Change::status));
    }

    @Test
    void aNewVersionIsMadeOnlyWhenASeatChanges() {
        chainSays(Set.of("A2"), Set.of());
        SeatMapVersion first = render();

        chainSays(Set.of("A2"), Set.of());
        SeatMapVersion same = render();
        chainSays(Set.of("A2", "A3"), Set.of());
        SeatMapVersion changed = render();

        assertThat(same).isSameAs(first);
        assertThat(changed.version()).isEqualTo("i1.2");
        assertThat(changed.etag()).isEqualTo("\"i1.2\"");
        assertThat(changed.states()).containsEntry("A3", SeatState.HELD);
    }

    @Test
    void aVersionsBytesAreWrittenOnlyWhenItIsServedAndThenOnce() {
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        for (int held = 1; held <= 5; held++) {
            chainSays(Set.of("A" + held), Set.of());
            seats.render(INSTANCE, show, hall, NOW, map -> {
                written.incrementAndGet();
                return map.version().getBytes(StandardCharsets.UTF_8);
            }, false);
        }
        assertThat(written).as("five versions nobody read").hasValue(0);

        SeatMapVersion served = seats.current();
        served.jsonBody();
        served.gzipBody();
        served.jsonBody();

        assertThat(written).hasValue(1);
        assertThat(new String(served.json(), StandardCharsets.UTF_8)).isEqualTo(served.version());
    }

    @Test
    void aVersionWrittenNowIsWrittenBeforeAnyReaderCanTakeIt() {
        chainSays(Set.of(), Set.of());
        SeatMapVersion before = render();
        chainSays(Set.of("A1"), Set.of());
        java.util.List<SeatMapVersion> servedWhileWriting = new java.util.ArrayList<>();

        SeatMapVersion made = seats.render(INSTANCE, show, hall, NOW, map -> {
            servedWhileWriting.add(seats.current());
            return map.version().getBytes(StandardCharsets.UTF_8);
        }, true);

        assertThat(servedWhileWriting).as("readers meanwhile get the version before").containsExactly(before);
        assertThat(seats.current()).isSameAs(made);
    }

    @Test
    void aReadStampsTheShowAtMostEveryFiftyMilliseconds() {
        seats.read(NOW);
        seats.read(NOW.plusMillis(49));
        assertThat(seats.lastRead).isEqualTo(NOW);

        seats.read(NOW.plusMillis(50));
        assertThat(seats.lastRead).isEqualTo(NOW.plusMillis(50));

        seats.read(NOW.minusSeconds(1));
        assertThat(seats.lastRead).as("a clock set back").isEqualTo(NOW.minusSeconds(1));
    }

    @Test
    void anUnchangedVersionToBeWrittenNowIsWrittenToo() {
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        chainSays(Set.of("A1"), Set.of());
        SeatMapVersion unread = seats.render(INSTANCE, show, hall, NOW, map -> {
            written.incrementAndGet();
            return map.version().getBytes(StandardCharsets.UTF_8);
        }, false);
        assertThat(written).hasValue(0);

        SeatMapVersion same = seats.render(INSTANCE, show, hall, NOW, map -> new byte[0], true);

        assertThat(same).isSameAs(unread);
        assertThat(written).as("written by the render that asked for it, with the version's own writer").hasValue(1);
    }

    @Test
    void onlyChangesLeftForTheNextReadSendReadersToApplyThem() {
        seats.changesAnnounced.incrementAndGet(); // its own request applies it before it answers
        assertThat(seats.changesPending()).isTrue();
        assertThat(seats.changesLeftForRead()).isFalse();

        seats.leaveForNextRead(seats.changesAnnounced.incrementAndGet());
        assertThat(seats.changesLeftForRead()).isTrue();

        seats.changesApplied = 2;
        assertThat(seats.changesLeftForRead()).isFalse();
        assertThat(seats.changesPending()).isFalse();
    }

    @Test
    void changesSinceAVersionListOnlyTheSeatsChangedSinceWithTheirStateNow() {
        chainSays(Set.of(), Set.of());
        String since = render().version();
        chainSays(Set.of("A1"), Set.of());
        render();
        chainSays(Set.of("A1"), Set.of("B1"));
        render();

        SeatChanges changes = seats.changesSince(INSTANCE, since);

        assertThat(changes.since()).isEqualTo(since);
        assertThat(changes.version()).isEqualTo("i1.3");
        assertThat(changes(changes)).isEqualTo(Map.of("A1", SeatState.HELD, "B1", SeatState.SOLD));
        assertThat(changes.seatsAvailable()).isEqualTo(4);
        assertThat(seats.changesSince(INSTANCE, "i1.3").changes()).isEmpty();
    }

    @Test
    void aVersionOfAnotherInstanceOrOlderThanTheHistoryGetsNoChanges() {
        chainSays(Set.of(), Set.of());
        render();
        for (int i = 0; i < ShowSeats.HISTORY + 1; i++) {
            chainSays(i % 2 == 0 ? Set.of("A1") : Set.of(), Set.of());
            render();
        }

        assertThat(seats.changesSince(INSTANCE, "i1.1")).isNull();
        assertThat(seats.changesSince(INSTANCE, "i1.3")).isNotNull();
        assertThat(seats.changesSince("i2", "i1.3")).isNull();
        assertThat(seats.changesSince(INSTANCE, "not-a-version")).isNull();
        assertThat(seats.changesSince(INSTANCE, "i1.99999")).isNull();
    }

    @Test
    void whatTheGatewaysHoldsDidSinceTheChainAnsweredIsLaidOverIt() {
        chainSays(Set.of("A1", "A2"), Set.of("B1"));
        seats.throughGateway(new GatewayHolds.Seats(Set.of("A3", "B1"), Set.of("A1"), Set.of("A2")));

        Map<String, SeatState> states = render().states();

        assertThat(states).containsEntry("A1", SeatState.AVAILABLE).containsEntry("A2", SeatState.SOLD)
                .containsEntry("A3", SeatState.HELD).containsEntry("B1", SeatState.SOLD).containsEntry("B2", SeatState.AVAILABLE);
    }

    @Test
    void aSeatLetGoByOneHoldButHeldByAnotherReadsHeld() {
        chainSays(Set.of("A1"), Set.of());
        seats.throughGateway(new GatewayHolds.Seats(Set.of("A1"), Set.of("A1"), Set.of()));

        assertThat(render().states()).containsEntry("A1", SeatState.HELD);
    }

    @Test
    void theChainFailingMakesAStaleVersionOfTheSameSeats() {
        chainSays(Set.of("A1"), Set.of());
        SeatMapVersion fresh = render();

        seats.chainFailed();
        SeatMapVersion stale = render();

        assertThat(stale.stale()).isTrue();
        assertThat(stale.number()).isEqualTo(fresh.number() + 1);
        assertThat(stale.states()).isEqualTo(fresh.states());
    }
}
