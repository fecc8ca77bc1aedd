package dev.marquee.booking.testing;

import static dev.marquee.booking.testing.HoldBuilder.aHold;
import static dev.marquee.booking.testing.SameValues.assertSameValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.holds.HoldStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HoldStore} does, as its Javadoc promises. A store passes by extending this class. Each test
 * uses ids of its own and assumes nothing about other data in the store.
 */
public abstract class HoldStoreContract {
    private static final String TOKEN_HASH = "0f".repeat(32);
    private static final String NEW_TOKEN_HASH = "1e".repeat(32);

    /** A fixed moment, so that stores can be tested without a clock; timestamps keep whole seconds. */
    protected final Instant now = Instant.parse("2030-03-01T10:00:00Z");

    /** The store under test; the same instance for every call within one test. */
    protected abstract HoldStore store();

    private Hold record(HoldBuilder hold) {
        Hold built = hold.build();
        assertThat(store().recordWithin(built, TOKEN_HASH, 10, now)).as("recorded " + built.id()).isTrue();
        return built;
    }

    private HoldStatus statusOf(String holdId) {
        return store().find(holdId).orElseThrow().hold().status();
    }

    @Test
    void aRecordedHoldIsFoundWithItsTokenHash() {
        Hold hold = aHold(now).seats("A1", "C2").build();

        store().recordWithin(hold, TOKEN_HASH, 10, now);

        HoldStore.StoredHold found = store().find(hold.id()).orElseThrow();
        assertSameValues(found.hold(), hold);
        assertThat(found.tokenHash()).isEqualTo(TOKEN_HASH);
    }

    @Test
    void anUnknownHoldIsNotFound() {
        assertThat(store().find(UniqueIds.next("hld"))).isEmpty();
    }

    @Test
    void recordingRefusesAHoldThatWouldTakeItsEmailOverTheLimit() {
        String show = UniqueIds.next("show");
        record(aHold(now).show(show).seats("A1", "A2", "A3"));
        Hold tooMany = aHold(now).show(show).seats("B1", "B2").build();

        assertThat(store().recordWithin(tooMany, TOKEN_HASH, 4, now)).isFalse();
        assertThat(store().find(tooMany.id())).isEmpty();
    }

    @Test
    void recordingAcceptsAHoldThatReachesTheLimitExactly() {
        String show = UniqueIds.next("show");
        record(aHold(now).show(show).seats("A1", "A2"));

        assertThat(store().recordWithin(aHold(now).show(show).seats("B1", "B2").build(), TOKEN_HASH, 4, now)).isTrue();
    }

    @Test
    void theLimitCountsOnlyHoldsOfTheSameShowAndEmail() {
        String show = UniqueIds.next("show");
        record(aHold(now).show(show).email("bob@example.com").seats("A1", "A2", "A3"));
        record(aHold(now).seats("A1", "A2", "A3"));

        assertThat(store().recordWithin(aHold(now).show(show).seats("B1", "B2").build(), TOKEN_HASH, 2, now)).isTrue();
    }

    @Test
    void theLimitCountsOnlyHoldsStillHeldAtNow() {
        String show = UniqueIds.next("show");
        record(aHold(now.minus(Duration.ofMinutes(10))).show(show).seats("A1", "A2"));
        Hold released = record(aHold(now).show(show).seats("A3", "A4"));
        store().end(released.id(), HoldStatus.RELEASED, now);

        assertThat(store().recordWithin(aHold(now).show(show).seats("B1", "B2").build(), TOKEN_HASH, 2, now)).isTrue();
    }

    @Test
    void seatsHeldByCountsTheSeatsOfHeldHoldsNotPastTheirExpiry() {
        String show = UniqueIds.next("show");
        record(aHold(now).show(show).seats("A1", "A2"));
        record(aHold(now).show(show).seats("A3"));
        record(aHold(now).show(show).seats("A4").expiringAt(now.minusSeconds(1)));
        Hold booked = record(aHold(now).show(show).seats("A5"));
        store().booked(booked.id(), now);

        assertThat(store().seatsHeldBy("ada@example.com", show, now)).isEqualTo(3);
    }

    @Test
    void aHoldNoLongerCountsFromTheMomentItExpires() {
        String show = UniqueIds.next("show");
        Hold hold = record(aHold(now).show(show).seats("A1"));

        assertThat(store().seatsHeldBy("ada@example.com", show, hold.expiresAt().minusSeconds(1))).isEqualTo(1);
        assertThat(store().seatsHeldBy("ada@example.com", show, hold.expiresAt())).isZero();
    }

    @Test
    void seatsHeldAtListsTheSeatsOfTheShowsActiveHolds() {
        String show = UniqueIds.next("show");
        record(aHold(now).show(show).seats("A1", "A2"));
        record(aHold(now).show(show).email("bob@example.com").seats("B1"));
        record(aHold(now).show(show).seats("C1").expiringAt(now));
        Hold released = record(aHold(now).show(show).seats("C2"));
        store().end(released.id(), HoldStatus.RELEASED, now);
        record(aHold(now).seats("C3"));

        assertThat(store().seatsHeldAt(show, now)).containsExactlyInAnyOrder("A1", "A2", "B1");
    }

    @Test
    void isHeldOnlyWhileHeldAndBeforeItsExpiry() {
        Hold hold = record(aHold(now));

        assertThat(store().isHeld(hold.id(), now)).isTrue();
        assertThat(store().isHeld(hold.id(), hold.expiresAt())).isFalse();
        store().end(hold.id(), HoldStatus.RELEASED, now);
        assertThat(store().isHeld(hold.id(), now)).isFalse();
    }

    @Test
    void anUnknownHoldIsNotHeld() {
        assertThat(store().isHeld(UniqueIds.next("hld"), now)).isFalse();
    }

    @Test
    void endingAHeldHoldSucceedsOnce() {
        Hold hold = record(aHold(now));

        assertThat(store().end(hold.id(), HoldStatus.EXPIRED, now)).isTrue();
        assertThat(store().end(hold.id(), HoldStatus.RELEASED, now)).isFalse();
        assertThat(statusOf(hold.id())).isEqualTo(HoldStatus.EXPIRED);
    }

    @Test
    void aBookedHoldCannotBeEnded() {
        Hold hold = record(aHold(now));
        store().booked(hold.id(), now);

        assertThat(store().end(hold.id(), HoldStatus.EXPIRED, now)).isFalse();
        assertThat(statusOf(hold.id())).isEqualTo(HoldStatus.BOOKED);
    }

    @Test
    void aHoldPastItsExpiryCanStillBeEndedByTheSweeper() {
        Hold hold = record(aHold(now).expiringAt(now.minusSeconds(5)));

        assertThat(store().end(hold.id(), HoldStatus.EXPIRED, now)).isTrue();
    }

    @Test
    void ofManyCallersEndingOneHoldExactlyOneWins() {
        Hold hold = record(aHold(now));

        List<Boolean> ended = Race.run(8, () -> store().end(hold.id(), HoldStatus.EXPIRED, now));

        assertThat(Race.winners(ended)).isEqualTo(1);
    }

    @Test
    void holdsOfOneEmailRecordedAtOnceNeverPassTheLimit() {
        String show = UniqueIds.next("show");

        List<Boolean> recorded = Race.run(8, () -> store().recordWithin(aHold(now).show(show).seats("A1", "A2").build(), TOKEN_HASH,
                5, now));

        assertThat(Race.winners(recorded)).isEqualTo(2);
        assertThat(store().seatsHeldBy("ada@example.com", show, now)).isEqualTo(4);
    }

    @Test
    void recordingAHoldIdTwiceFailsUncheckedAndKeepsTheFirst() {
        Hold first = record(aHold(now).seats("A1"));
        Hold again = aHold(now).id(first.id()).seats("B1").build();

        assertThatThrownBy(() -> store().recordWithin(again, "ab".repeat(32), 10, now)).isInstanceOf(RuntimeException.class);

        HoldStore.StoredHold found = store().find(first.id()).orElseThrow();
        assertThat(found.hold().seatIds()).containsExactly("A1");
        assertThat(found.tokenHash()).isEqualTo(TOKEN_HASH);
    }

    @Test
    void aHeldHoldGetsANewTokenHash() {
        Hold hold = record(aHold(now));

        assertThat(store().replaceToken(hold.id(), TOKEN_HASH, NEW_TOKEN_HASH, now)).isTrue();

        assertThat(store().find(hold.id()).orElseThrow().tokenHash()).isEqualTo(NEW_TOKEN_HASH);
    }

    @Test
    void aTokenHashIsReplacedOnlyWhileItIsTheExpectedOne() {
        Hold hold = record(aHold(now));

        assertThat(store().replaceToken(hold.id(), "ab".repeat(32), NEW_TOKEN_HASH, now)).isFalse();

        assertThat(store().find(hold.id()).orElseThrow().tokenHash()).isEqualTo(TOKEN_HASH);
    }

    @Test
    void anEndedOrExpiredHoldKeepsItsTokenHash() {
        Hold ended = record(aHold(now));
        store().end(ended.id(), HoldStatus.RELEASED, now);
        Hold expired = record(aHold(now).expiringAt(now));

        assertThat(store().replaceToken(ended.id(), TOKEN_HASH, NEW_TOKEN_HASH, now)).isFalse();
        assertThat(store().replaceToken(expired.id(), TOKEN_HASH, NEW_TOKEN_HASH, now)).isFalse();
        assertThat(store().replaceToken(UniqueIds.next("hld"), TOKEN_HASH, NEW_TOKEN_HASH, now)).isFalse();
        assertThat(store().find(expired.id()).orElseThrow().tokenHash()).isEqualTo(TOKEN_HASH);
    }

    @Test
    void ofManyCallersReplacingOneTokenExactlyOneWins() {
        Hold hold = record(aHold(now));

        List<Boolean> replaced = Race.run(8, () -> store().replaceToken(hold.id(), TOKEN_HASH, NEW_TOKEN_HASH, now));

        assertThat(Race.winners(replaced)).isEqualTo(1);
    }

    @Test
    void aHoldThatExpiredIsBookedWhenItsLatePaymentIsConfirmed() {
        Hold hold = record(aHold(now));
        store().end(hold.id(), HoldStatus.EXPIRED, now);

        store().booked(hold.id(), now);

        assertThat(statusOf(hold.id())).isEqualTo(HoldStatus.BOOKED);
    }

    @Test
    void dueListsHeldHoldsPastTheirExpirySoonestFirst() {
        Hold second = record(aHold(now).expiringAt(now.minusSeconds(60)));
        Hold first = record(aHold(now).expiringAt(now.minusSeconds(120)));
        Hold third = record(aHold(now).expiringAt(now));
        Hold notDue = record(aHold(now).expiringAt(now.plusSeconds(1)));
        Hold ended = record(aHold(now).expiringAt(now.minusSeconds(90)));
        store().end(ended.id(), HoldStatus.RELEASED, now);
        List<String> mine = List.of(first.id(), second.id(), third.id(), notDue.id(), ended.id());

        List<String> due = store().due(now, 10_000).stream().filter(mine::contains).toList();

        assertThat(due).containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void dueListsNoMoreThanTheLimit() {
        IntStream.range(0, 3).forEach(i -> record(aHold(now).expiringAt(now.minusSeconds(10))));

        assertThat(store().due(now, 2)).hasSize(2);
    }
}
