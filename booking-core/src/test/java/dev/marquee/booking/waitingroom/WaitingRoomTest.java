package dev.marquee.booking.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.marquee.booking.testing.FixedMovies;
import dev.marquee.booking.testing.InMemoryShows;
import dev.marquee.booking.testing.InMemoryTransactions;
import dev.marquee.booking.testing.InMemoryWaitingRoomStore;
import dev.marquee.booking.testing.SequentialSecrets;
import dev.marquee.booking.testing.ShowBuilder;
import dev.marquee.booking.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The waiting room's rules on in-memory fakes; time moves only when a test moves the clock. */
class WaitingRoomTest {
    private static final String SHOW = "show-1";
    private static final String OTHER_SHOW = "show-2";
    private static final String MOVIE = "paris-texas-1984";

    private final TestClock clock = new TestClock();
    private final InMemoryWaitingRoomStore store = new InMemoryWaitingRoomStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryShows shows = new InMemoryShows();
    private final FixedMovies movies = new FixedMovies().show(SHOW, MOVIE).show(OTHER_SHOW, MOVIE);
    private final SequentialSecrets secrets = new SequentialSecrets();
    private final WaitingRoom room = room(WaitingRoomRules.defaults());

    WaitingRoomTest() {
        shows.put(ShowBuilder.aShow(clock).id(SHOW).build());
        shows.put(ShowBuilder.aShow(clock).id(OTHER_SHOW).build());
    }

    /** Another gateway instance: its own waiting room over the same store, transactions and clock. */
    private WaitingRoom room(WaitingRoomRules rules) {
        return new WaitingRoom(store, transactions, shows, movies, secrets, rules, clock);
    }

    private void queueMode(int perMinute) {
        assertThat(room.putInQueueMode(QueueScope.show(SHOW), perMinute, 600)).isInstanceOf(ModeChange.Set.class);
    }

    private QueueJoin.Joined join(String email) {
        return (QueueJoin.Joined) room.join(SHOW, email);
    }

    /** Admits rounds every {@code step} until the queue is empty; the places in the order they were admitted. */
    private List<QueuePlace> admitEveryone(Duration step, WaitingRoom... admitters) {
        List<QueuePlace> admitted = new ArrayList<>();
        int round = 0;
        while (!store.showsWithWaiting().isEmpty()) {
            clock.advance(step);
            WaitingRoom admitter = admitters[round++ % admitters.length];
            List<QueuePlace> before = store.nextWaiting(SHOW, Integer.MAX_VALUE);
            int count = admitter.admitDue(SHOW);
            admitted.addAll(before.subList(0, count));
        }
        return admitted;
    }

    @Test
    void aShowNotInQueueModeTakesHoldsWithoutAdmission() {
        assertThat(room.entryFor(SHOW, null)).isInstanceOf(HoldEntry.Open.class);
    }

    @Test
    void aShowInQueueModeRefusesHoldsWithoutAnAdmission() {
        queueMode(60);

        assertThat(room.entryFor(SHOW, null)).isInstanceOf(HoldEntry.AdmissionRequired.class);
        assertThat(room.entryFor(SHOW, "made-up")).isInstanceOf(HoldEntry.AdmissionRequired.class);
    }

    @Test
    void joiningAShowNotInQueueModeIsRefused() {
        assertThat(room.join(SHOW, "ada@example.com")).isEqualTo(new QueueJoin.NotQueued(SHOW));
    }

    @Test
    void aJoinerGetsAPlaceWithItsPositionEstimatedWaitAndToken() {
        queueMode(30);
        join("first@example.com");

        QueueJoin.Joined joined = join(" Ada@Example.com ");

        assertThat(joined.position()).isEqualTo(2);
        assertThat(joined.estimatedWait()).isEqualTo(Duration.ofSeconds(4));
        assertThat(joined.place().email()).isEqualTo("ada@example.com");
        assertThat(room.find(joined.place().id(), joined.token())).contains(joined.place());
        assertThat(room.find(joined.place().id(), "another-token")).isEmpty();
    }

    @Test
    void aPositionMovesUpAsPeopleAheadAreAdmitted() {
        queueMode(60);
        join("first@example.com");
        join("second@example.com");
        QueueJoin.Joined third = join("third@example.com");
        assertThat(third.position()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(2));
        assertThat(room.admitDue(SHOW)).isEqualTo(2);

        assertThat(room.position(third.place())).isEqualTo(1);
        assertThat(room.estimatedWait(third.place(), 1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anotherInstanceSeesPositionsMoveWithinTheRefreshTime() {
        queueMode(60);
        WaitingRoom otherInstance = room(WaitingRoomRules.defaults());
        join("first@example.com");
        QueueJoin.Joined second = join("second@example.com");
        assertThat(otherInstance.position(second.place())).isEqualTo(2);

        clock.advance(WaitingRoomRules.defaults().modeRefresh());
        room.admitDue(SHOW);

        assertThat(otherInstance.position(second.place())).isEqualTo(1);
    }

    @Test
    void aBotJoiningAThousandTimesWithOneEmailHasOnePlace() {
        queueMode(60);
        QueueJoin.Joined first = join("bot@example.com");

        for (int i = 0; i < 1000; i++) {
            QueueJoin again = room.join(SHOW, i % 2 == 0 ? "bot@example.com" : "BOT@example.com");
            assertThat(again).isInstanceOfSatisfying(QueueJoin.AlreadyJoined.class, a -> assertThat(a.place().id()).isEqualTo(first.place().id()));
        }

        assertThat(store.nextWaiting(SHOW, Integer.MAX_VALUE)).hasSize(1);
    }

    @Test
    void joiningNeedsAnEmailAndAShowOnSale() {
        queueMode(60);

        assertThat(room.join(SHOW, "not-an-email")).isInstanceOf(QueueJoin.Invalid.class);
        assertThat(room.join("no-such-show", "ada@example.com")).isEqualTo(new QueueJoin.UnknownShow("no-such-show"));
        shows.put(ShowBuilder.aShow(clock).id("cancelled").cancelled().build());
        assertThat(room.join("cancelled", "ada@example.com")).isInstanceOf(QueueJoin.NotBookable.class);
    }

    @Test
    void fiveThousandJoinersAreAdmittedStrictlyInJoinOrderAtTheRateAndNobodyTwice() {
        int perMinute = 450;
        queueMode(perMinute);
        List<String> joinOrder = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            joinOrder.add(join("fan" + i + "@example.com").place().id());
        }
        Instant start = clock.instant();

        List<QueuePlace> admitted = admitEveryone(Duration.ofMillis(700), room);

        assertThat(admitted).extracting(QueuePlace::id).containsExactlyElementsOf(joinOrder);
        double minutes = Duration.between(start, clock.instant()).toMillis() / 60_000.0;
        assertThat(5000 / minutes).isCloseTo(perMinute, within(perMinute * 0.05));
        Set<String> tokens = new HashSet<>();
        joinOrder.forEach(id -> {
            QueuePlace place = store.find(id).orElseThrow().place();
            assertThat(place.status()).isEqualTo(PlaceStatus.ADMITTED);
            assertThat(tokens.add(place.admissionToken())).as("one admission per place").isTrue();
        });
    }

    @Test
    void twoInstancesServeOneQueueInJoinOrderAtTheConfiguredRate() {
        queueMode(600);
        WaitingRoom otherInstance = room(WaitingRoomRules.defaults());
        List<String> joinOrder = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            WaitingRoom answering = i % 2 == 0 ? room : otherInstance;
            joinOrder.add(((QueueJoin.Joined) answering.join(SHOW, "fan" + i + "@example.com")).place().id());
        }
        Instant start = clock.instant();

        // Each instance admits every 300 ms, half a step apart: together they admit as often as four times a second.
        List<QueuePlace> admitted = admitEveryone(Duration.ofMillis(150), room, otherInstance);

        assertThat(admitted).extracting(QueuePlace::id).containsExactlyElementsOf(joinOrder);
        double minutes = Duration.between(start, clock.instant()).toMillis() / 60_000.0;
        assertThat(1000 / minutes).isCloseTo(600.0, within(30.0));
    }

    @Test
    void anAdmissionLetsHoldsOnItsShowThroughUntilItExpires() {
        queueMode(60);
        QueueJoin.Joined joined = join("ada@example.com");
        clock.advance(Duration.ofSeconds(1));
        room.admitDue(SHOW);
        String admission = room.find(joined.place().id(), joined.token()).orElseThrow().admissionToken();

        assertThat(room.entryFor(SHOW, admission)).isInstanceOf(HoldEntry.Admitted.class);
        assertThat(room.entryFor(SHOW, admission)).as("a second hold with the same admission").isInstanceOf(HoldEntry.Admitted.class);
        clock.advance(Duration.ofMinutes(10));
        assertThat(room.entryFor(SHOW, admission)).isInstanceOf(HoldEntry.AdmissionRequired.class);
    }

    @Test
    void anAdmissionToOneShowDoesNotOpenAnother() {
        room.putInQueueMode(QueueScope.movie(MOVIE), 60, 600);
        QueueJoin.Joined joined = join("ada@example.com");
        clock.advance(Duration.ofSeconds(1));
        room.admitDue(SHOW);
        String admission = room.find(joined.place().id(), joined.token()).orElseThrow().admissionToken();

        assertThat(room.entryFor(OTHER_SHOW, admission)).isInstanceOf(HoldEntry.AdmissionRequired.class);
    }

    @Test
    void anOnSalePutsEveryShowOfTheMovieInQueueMode() {
        assertThat(room.putInQueueMode(QueueScope.movie(MOVIE), 120, 600)).isInstanceOf(ModeChange.Set.class);

        assertThat(room.modeOf(SHOW)).map(QueueMode::admissionsPerMinute).contains(120);
        assertThat(room.modeOf(OTHER_SHOW)).map(QueueMode::admissionsPerMinute).contains(120);
    }

    @Test
    void aShowsOwnModeWinsOverItsOnSale() {
        room.putInQueueMode(QueueScope.movie(MOVIE), 120, 600);
        room.putInQueueMode(QueueScope.show(SHOW), 30, 600);

        assertThat(room.modeOf(SHOW)).map(QueueMode::admissionsPerMinute).contains(30);
    }

    @Test
    void takingAShowOutOfQueueModeOpensItsHolds() {
        queueMode(60);

        assertThat(room.endQueueMode(QueueScope.show(SHOW))).isTrue();

        assertThat(room.entryFor(SHOW, null)).isInstanceOf(HoldEntry.Open.class);
        assertThat(room.endQueueMode(QueueScope.show(SHOW))).isFalse();
    }

    @Test
    void aModeSetOnAnotherInstanceAppliesHereWithinTheRefreshTime() {
        WaitingRoom otherInstance = room(WaitingRoomRules.defaults());
        assertThat(room.modeOf(SHOW)).isEmpty();

        otherInstance.putInQueueMode(QueueScope.show(SHOW), 60, 600);

        assertThat(room.modeOf(SHOW)).as("still the copy read a moment ago").isEmpty();
        clock.advance(WaitingRoomRules.defaults().modeRefresh());
        assertThat(room.modeOf(SHOW)).isPresent();
    }

    @Test
    void aModeNeedsARateAndValidityWithinBoundsAndAKnownScope() {
        assertThat(room.putInQueueMode(QueueScope.show(SHOW), 0, 600)).isEqualTo(new ModeChange.Invalid("admissionsPerMinute",
                "must be a whole number from 1 to 100000"));
        assertThat(room.putInQueueMode(QueueScope.show(SHOW), 60, 10)).isInstanceOf(ModeChange.Invalid.class);
        assertThat(room.putInQueueMode(QueueScope.show(SHOW), 60, null)).isInstanceOf(ModeChange.Invalid.class);
        assertThat(room.putInQueueMode(QueueScope.show("nope"), 60, 600)).isInstanceOf(ModeChange.UnknownScope.class);
        assertThat(room.putInQueueMode(QueueScope.movie("nope"), 60, 600)).isInstanceOf(ModeChange.UnknownScope.class);
        assertThat(room.modes()).isEmpty();
    }

    @Test
    void afterTheAdmittersStoppedAQueueIsNotFlooded() {
        queueMode(60);
        for (int i = 0; i < 100; i++) {
            join("fan" + i + "@example.com");
        }

        clock.advance(Duration.ofMinutes(10));

        assertThat(room.admitDue(SHOW)).isEqualTo(5);
    }

    @Test
    void aRateSlowerThanOneAdmissionPerBacklogStillAdmits() {
        queueMode(6);
        for (int i = 0; i < 3; i++) {
            join("fan" + i + "@example.com");
        }
        int admitted = 0;

        for (int second = 0; second < 30; second++) {
            clock.advance(Duration.ofSeconds(1));
            admitted += room.admitDue(SHOW);
        }

        assertThat(admitted).as("one every 10 s").isEqualTo(3);
    }

    @Test
    void aQueueThatRanDryDoesNotSaveUpAdmissions() {
        queueMode(60);
        join("early@example.com");
        clock.advance(Duration.ofSeconds(4));
        assertThat(room.admitDue(SHOW)).isEqualTo(1);
        join("late1@example.com");
        join("late2@example.com");

        clock.advance(Duration.ofSeconds(1));

        assertThat(room.admitDue(SHOW)).isEqualTo(1);
    }

    @Test
    void holdAttemptsPastTheSurgeRateSwitchQueueModeOnByItselfForAWhile() {
        WaitingRoomRules rules = WaitingRoomRules.defaults().withSurgeAttempts(100);
        WaitingRoom watched = room(rules);
        WaitingRoom otherInstance = room(rules);

        for (int i = 0; i < 50; i++) {
            watched.holdAttempted(SHOW);
            otherInstance.holdAttempted(SHOW);
            clock.advance(Duration.ofMillis(50));
        }
        assertThat(watched.modeOf(SHOW)).as("attempts are still being counted in memory").isEmpty();

        // Within the window, both instances add what they counted to the shared count: 102 attempts.
        clock.advance(rules.surgeFlush());
        watched.holdAttempted(SHOW);
        otherInstance.holdAttempted(SHOW);
        clock.advance(rules.modeRefresh());

        QueueMode mode = watched.modeOf(SHOW).orElseThrow();
        assertThat(mode.automatic()).isTrue();
        assertThat(mode.admissionsPerMinute()).isEqualTo(rules.autoAdmissionsPerMinute());
        clock.advance(rules.autoModeFor());
        assertThat(watched.modeOf(SHOW)).isEmpty();
    }

    @Test
    void aSurgeKeepsAModeAnOperatorJustSetOnAnotherInstance() {
        WaitingRoomRules rules = WaitingRoomRules.defaults().withSurgeAttempts(10);
        WaitingRoom watched = room(rules);
        watched.holdAttempted(SHOW);
        room(rules).putInQueueMode(QueueScope.movie(MOVIE), 30, 600);

        for (int i = 0; i < 10; i++) {
            watched.holdAttempted(SHOW);
        }

        assertThat(store.modes()).extracting(QueueMode::scope).containsExactly(QueueScope.movie(MOVIE));
        assertThat(watched.modeOf(SHOW)).map(QueueMode::automatic).contains(false);
    }

    @Test
    void holdAttemptsBelowTheSurgeRateLeaveHoldsOpen() {
        WaitingRoom watched = room(WaitingRoomRules.defaults().withSurgeAttempts(100));

        for (int i = 0; i < 300; i++) {
            watched.holdAttempted(SHOW);
            clock.advance(Duration.ofMillis(500));
        }

        assertThat(watched.entryFor(SHOW, null)).isInstanceOf(HoldEntry.Open.class);
    }
}
