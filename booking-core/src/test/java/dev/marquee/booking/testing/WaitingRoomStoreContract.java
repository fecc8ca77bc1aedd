package dev.marquee.booking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.booking.waitingroom.PlaceStatus;
import dev.marquee.booking.waitingroom.QueueMode;
import dev.marquee.booking.waitingroom.QueuePlace;
import dev.marquee.booking.waitingroom.QueueScope;
import dev.marquee.booking.waitingroom.WaitingRoomStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WaitingRoomStore} does, as its Javadoc promises. A store passes by extending this class. Each test
 * uses shows, movies and emails of its own and assumes nothing about other rows in the store.
 */
public abstract class WaitingRoomStoreContract {
    private static final String TOKEN_HASH = "0b".repeat(32);

    /** A fixed moment, so that stores can be tested without a clock; timestamps keep whole seconds. */
    protected final Instant now = Instant.parse("2030-03-01T10:00:00Z");

    private final String show = UniqueIds.next("show");

    /** The store under test; the same instance for every call within one test. */
    protected abstract WaitingRoomStore store();

    /** Transactions the store joins, within which {@link WaitingRoomStore#lockGate} holds the gate. */
    protected abstract Transactions transactions();

    private QueuePlace joined(String showId, String email) {
        return store().join(UniqueIds.next("qp"), showId, email, TOKEN_HASH, now).stored().place();
    }

    private QueuePlace joined() {
        return joined(show, UniqueIds.next("fan") + "@example.com");
    }

    private QueuePlace place(String id) {
        return store().find(id).orElseThrow().place();
    }

    private boolean admit(QueuePlace place, String token) {
        return store().admit(place.id(), token, Tokens.hash(token), now, now.plusSeconds(600));
    }

    @Test
    void aNewPlaceWaitsWithItsEmailAndTokenHash() {
        String id = UniqueIds.next("qp");

        WaitingRoomStore.Joining joining = store().join(id, show, "ada@example.com", TOKEN_HASH, now);

        assertThat(joining.created()).isTrue();
        WaitingRoomStore.StoredPlace stored = store().find(id).orElseThrow();
        assertThat(stored.tokenHash()).isEqualTo(TOKEN_HASH);
        assertThat(stored.place()).extracting(QueuePlace::showId, QueuePlace::email, QueuePlace::status, QueuePlace::joinedAt,
                QueuePlace::admittedAt, QueuePlace::admissionToken).containsExactly(show, "ada@example.com", PlaceStatus.WAITING, now, null, null);
    }

    @Test
    void anUnknownPlaceIsNotFound() {
        assertThat(store().find(UniqueIds.next("qp"))).isEmpty();
    }

    @Test
    void placesAreNumberedInTheOrderTheyJoined() {
        QueuePlace first = joined();
        QueuePlace second = joined(UniqueIds.next("show"), "other@example.com");
        QueuePlace third = joined();

        assertThat(first.seq()).isLessThan(second.seq());
        assertThat(second.seq()).isLessThan(third.seq());
    }

    @Test
    void anEmailJoiningAgainGetsItsOnePlaceBack() {
        QueuePlace first = joined(show, "bot@example.com");

        WaitingRoomStore.Joining again = store().join(UniqueIds.next("qp"), show, "bot@example.com", "0c".repeat(32), now.plusSeconds(5));

        assertThat(again.created()).isFalse();
        assertThat(again.stored().place()).isEqualTo(first);
        assertThat(again.stored().tokenHash()).isEqualTo(TOKEN_HASH);
    }

    @Test
    void oneEmailHasAPlaceInEachShow() {
        QueuePlace here = joined(show, "ada@example.com");
        QueuePlace there = joined(UniqueIds.next("show"), "ada@example.com");

        assertThat(there.id()).isNotEqualTo(here.id());
    }

    @Test
    void ofManyConcurrentJoinsOfOneEmailExactlyOneMakesAPlace() {
        List<Boolean> created = Race.run(8, () -> store().join(UniqueIds.next("qp"), show, "bot@example.com", TOKEN_HASH, now).created());

        assertThat(Race.winners(created)).isEqualTo(1);
        assertThat(store().nextWaiting(show, 10)).hasSize(1);
    }

    @Test
    void aPositionCountsTheShowsWaitingPlacesAheadOfIt() {
        QueuePlace first = joined();
        QueuePlace admitted = joined();
        joined(UniqueIds.next("show"), "elsewhere@example.com");
        QueuePlace third = joined();
        admit(admitted, UniqueIds.next("adm"));

        assertThat(store().position(first)).isEqualTo(1);
        assertThat(store().position(third)).isEqualTo(2);
    }

    @Test
    void theWaitingOrderNumbersTheShowsWaitingPlacesInJoinOrder() {
        QueuePlace first = joined();
        QueuePlace admitted = joined();
        joined(UniqueIds.next("show"), "elsewhere@example.com");
        QueuePlace third = joined();
        admit(admitted, UniqueIds.next("adm"));

        assertThat(store().waitingOrder(show)).containsExactly(first.seq(), third.seq());
        assertThat(store().waitingOrder(UniqueIds.next("show"))).isEmpty();
    }

    @Test
    void nextWaitingListsTheShowsWaitingPlacesInJoinOrder() {
        QueuePlace first = joined();
        QueuePlace admitted = joined();
        joined(UniqueIds.next("show"), "elsewhere@example.com");
        QueuePlace second = joined();
        QueuePlace third = joined();
        joined();
        admit(admitted, UniqueIds.next("adm"));

        assertThat(store().nextWaiting(show, 3)).extracting(QueuePlace::id).containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void showsWithWaitingNamesOnlyShowsWithSomeoneWaiting() {
        joined();
        String allAdmitted = UniqueIds.next("show");
        admit(joined(allAdmitted, "ada@example.com"), UniqueIds.next("adm"));

        assertThat(store().showsWithWaiting()).contains(show).doesNotContain(allAdmitted).doesNotHaveDuplicates();
    }

    @Test
    void anAdmissionRecordsItsTokenAndValidityAndIsFoundByTheTokensHash() {
        QueuePlace place = joined();
        String token = UniqueIds.next("adm");

        assertThat(admit(place, token)).isTrue();

        QueuePlace admitted = place(place.id());
        assertThat(admitted).extracting(QueuePlace::status, QueuePlace::admittedAt, QueuePlace::admissionExpiresAt, QueuePlace::admissionToken)
                .containsExactly(PlaceStatus.ADMITTED, now, now.plusSeconds(600), token);
        assertThat(store().admittedWith(Tokens.hash(token))).contains(admitted);
        assertThat(store().admittedWith(Tokens.hash("another"))).isEmpty();
    }

    @Test
    void aPlaceIsAdmittedOnlyOnce() {
        QueuePlace place = joined();
        String first = UniqueIds.next("adm");
        admit(place, first);

        assertThat(admit(place, UniqueIds.next("adm"))).isFalse();
        assertThat(place(place.id()).admissionToken()).isEqualTo(first);
    }

    @Test
    void ofManyConcurrentAdmissionsOfOnePlaceExactlyOneWins() {
        QueuePlace place = joined();

        List<Boolean> admitted = Race.run(8, () -> admit(place, UniqueIds.next("adm")));

        assertThat(Race.winners(admitted)).isEqualTo(1);
    }

    @Test
    void aNewGateIsAccountedUpToNowAndKeepsWhatIsSaved() {
        String fresh = UniqueIds.next("show");

        assertThat(transactions().atomically(() -> store().lockGate(fresh, now))).isEqualTo(now);
        transactions().atomically(() -> {
            store().lockGate(fresh, now);
            store().saveGate(fresh, now.plusSeconds(7));
            return null;
        });
        assertThat(transactions().atomically(() -> store().lockGate(fresh, now.plusSeconds(60)))).isEqualTo(now.plusSeconds(7));
    }

    @Test
    void aModeIsKeptReplacedAndRemoved() {
        QueueScope movie = QueueScope.movie(UniqueIds.next("movie"));
        QueueMode first = new QueueMode(movie, 120, Duration.ofMinutes(10), false, now, null);
        QueueMode second = new QueueMode(movie, 30, Duration.ofMinutes(5), true, now.plusSeconds(1), now.plusSeconds(1800));

        store().putMode(first);
        assertThat(store().modes()).contains(first);
        store().putMode(second);
        assertThat(store().modes()).contains(second).doesNotContain(first);

        assertThat(store().removeMode(movie)).isTrue();
        assertThat(store().modes()).doesNotContain(second);
        assertThat(store().removeMode(movie)).isFalse();
    }

    @Test
    void aShowAndAMovieOfTheSameIdAreDifferentScopes() {
        String id = UniqueIds.next("same");
        QueueMode ofShow = new QueueMode(QueueScope.show(id), 60, Duration.ofMinutes(10), false, now, null);
        QueueMode ofMovie = new QueueMode(QueueScope.movie(id), 90, Duration.ofMinutes(10), false, now, null);

        store().putMode(ofShow);
        store().putMode(ofMovie);
        store().removeMode(QueueScope.show(id));

        assertThat(store().modes()).contains(ofMovie).doesNotContain(ofShow);
    }

    @Test
    void holdAttemptsAddUpWithinAWindowAndStartAfreshInTheNext() {
        Instant window = now;

        assertThat(store().addHoldAttempts(show, window, 5)).isEqualTo(5);
        assertThat(store().addHoldAttempts(show, window, 7)).isEqualTo(12);
        assertThat(store().addHoldAttempts(show, window.plusSeconds(10), 3)).isEqualTo(3);
    }

    @Test
    void holdAttemptsAddedAtOnceAreAllCounted() {
        Race.run(8, () -> store().addHoldAttempts(show, now, 2));

        assertThat(store().addHoldAttempts(show, now, 0)).isEqualTo(16);
    }
}
