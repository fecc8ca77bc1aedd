package dev.marquee.booking.holds;

import static dev.marquee.booking.testing.ScriptedTheatre.Operation.LOCK;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.booking.shows.SeatsFreed;
import dev.marquee.booking.testing.BookingFixture;
import dev.marquee.booking.testing.HoldBuilder;
import dev.marquee.booking.testing.InMemoryHoldStore;
import dev.marquee.booking.testing.ShowBuilder;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.TheatreTimeoutException;
import dev.marquee.spi.TheatreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldsTest {
    private static final HoldRules FOUR_PER_EMAIL = new HoldRules(Duration.ofMinutes(5), Duration.ofSeconds(30), 4, 4);

    private final BookingFixture booking = new BookingFixture();
    private final Holds holds = booking.holds;
    private final String showRef = booking.show.ref();

    private HoldOutcome place(List<String> seatIds, String email) {
        return booking.place(new HoldRequest(booking.show.id(), seatIds, email));
    }

    private static void assertInvalid(HoldOutcome outcome, String field) {
        assertThat(outcome).isInstanceOfSatisfying(HoldOutcome.Invalid.class,
                invalid -> assertThat(invalid.problems()).extracting(HoldOutcome.FieldProblem::field).containsExactly(field));
    }

    private void assertNothingHeld() {
        assertThat(booking.holdStore.seatsHeldAt(booking.show.id(), booking.clock.instant())).isEmpty();
        assertThat(booking.theatre.heldSeats(showRef)).isEmpty();
    }

    @Test
    void placingAHoldLocksItsSeatsAtTheChain() {
        HoldOutcome.Placed placed = booking.placeHold("A1", "A2");

        assertThat(booking.theatre.heldSeats(showRef)).containsExactlyInAnyOrder("A1", "A2");
        assertThat(booking.theatre.isLocked(placed.hold().lockRef())).isTrue();
    }

    @Test
    void placingAgainWithTheIdOfAHeldHoldAnswersItWithANewTokenAndKeepsItsChainLock() {
        HoldOutcome.Placed first = booking.placeHold("A1", "A2");

        HoldOutcome again = holds.place(first.hold().id(), booking.request("A1", "A2"));

        assertThat(again).isInstanceOfSatisfying(HoldOutcome.Placed.class, placed -> {
            assertThat(placed.hold()).isEqualTo(first.hold());
            assertThat(holds.find(first.hold().id(), placed.token())).map(Hold::status).contains(HoldStatus.HELD);
            assertThat(holds.find(first.hold().id(), first.token())).as("the lost answer's token").isEmpty();
        });
        assertThat(booking.theatre.calls(LOCK)).isEqualTo(1);
        assertThat(booking.theatre.calls(RELEASE)).isZero();
        assertThat(booking.theatre.heldSeats(showRef)).containsExactlyInAnyOrder("A1", "A2");
    }

    @Test
    void placingAgainWithTheIdOfAHoldNoLongerHeldAnswersThatItWasPlaced() {
        HoldOutcome.Placed first = booking.placeHold("A1", "A2");
        booking.clock.set(first.hold().expiresAt());

        HoldOutcome again = holds.place(first.hold().id(), booking.request("A1", "A2"));

        assertThat(again).isInstanceOfSatisfying(HoldOutcome.AlreadyPlaced.class,
                placed -> assertThat(placed.hold().status()).isEqualTo(HoldStatus.EXPIRED));
        assertThat(holds.find(first.hold().id(), first.token())).as("its token is kept").isPresent();
        assertThat(booking.theatre.calls(LOCK)).isEqualTo(1);
    }

    @Test
    void aHoldEndingJustAfterItsLockWasConfirmedDoesNotAnnounceItsSoldSeatsAsFree() {
        HoldOutcome.Placed placed = booking.placeHold("A1", "A2");
        // The payment's confirmation wins at the chain a moment before the sweeper ends the hold.
        booking.theatre.confirm(new ConfirmRequest(placed.hold().lockRef(), "bkg-confirmed-as-the-hold-ended"));
        booking.clock.advance(booking.holdRules.ttl());

        assertThat(holds.expireDue()).isEqualTo(1);

        assertThat(booking.watch.freed()).as("sold seats are not offered to the waitlist").isEmpty();
        assertThat(booking.theatre.soldSeats(showRef)).containsExactlyInAnyOrder("A1", "A2");
    }

    @Test
    void placingAHoldRecordsItWithItsSeatsAndPrices() {
        HoldOutcome.Placed placed = booking.placeHold("A1", "C1");

        Hold recorded = booking.hold(placed.hold().id());
        assertThat(recorded.status()).isEqualTo(HoldStatus.HELD);
        assertThat(recorded.seats()).containsExactly(new HeldSeat("A1", "A", 1, "standard", ShowBuilder.STANDARD_PRICE),
                new HeldSeat("C1", "C", 1, "wheelchair", ShowBuilder.WHEELCHAIR_PRICE));
        assertThat(recorded.total().amount()).isEqualByComparingTo("20.50");
    }

    @Test
    void onlyTheHashOfTheHoldsTokenIsStored() {
        HoldOutcome.Placed placed = booking.placeHold("A1");

        assertThat(booking.holdStore.find(placed.hold().id()).orElseThrow().tokenHash()).isEqualTo(Tokens.hash(placed.token()));
    }

    @Test
    void theEmailIsKeptTrimmedAndInLowerCase() {
        HoldOutcome outcome = place(List.of("A1"), "  Ada@Example.COM ");

        assertThat(((HoldOutcome.Placed) outcome).hold().email()).isEqualTo("ada@example.com");
    }

    @Test
    void holdFailsWhenAnySeatIsTaken() {
        booking.theatre.sell(showRef, "A2");

        HoldOutcome outcome = booking.place(booking.request("A1", "A2", "A3"));

        assertThat(outcome).isEqualTo(new HoldOutcome.SeatsTaken(List.of("A2")));
        assertNothingHeld();
    }

    @Test
    void theShowIdIsRequired() {
        assertInvalid(booking.place(new HoldRequest(" ", List.of("A1"), BookingFixture.EMAIL)), "showId");
    }

    @Test
    void aHoldNamesAtLeastOneSeat() {
        assertInvalid(booking.place(booking.request()), "seatIds");
    }

    @Test
    void aHoldNamesNoSeatTwice() {
        assertInvalid(booking.place(booking.request("A1", "A2", "A1")), "seatIds");
    }

    @Test
    void aHoldNamesNoEmptySeatId() {
        assertInvalid(booking.place(booking.request("A1", "")), "seatIds");
    }

    @Test
    void aHoldTakesNoMoreSeatsThanAllowed() {
        List<String> eleven = List.of("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B1", "B2", "B3");

        assertInvalid(place(eleven, BookingFixture.EMAIL), "seatIds");
    }

    @Test
    void aHoldTakesOnlySeatsOfTheShowsHall() {
        assertInvalid(booking.place(booking.request("A1", "Z9")), "seatIds");
        assertThat(booking.theatre.calls(LOCK)).isZero();
    }

    @Test
    void theEmailMustBeAnAddress() {
        assertInvalid(place(List.of("A1"), "ada at example"), "email");
    }

    @Test
    void everyFieldAtFaultIsNamedAndTheChainIsNotAsked() {
        HoldOutcome outcome = booking.place(new HoldRequest(null, Collections.emptyList(), null));

        assertThat(outcome).isInstanceOfSatisfying(HoldOutcome.Invalid.class, invalid -> assertThat(invalid.problems())
                .extracting(HoldOutcome.FieldProblem::field).containsExactly("showId", "seatIds", "email"));
        assertThat(booking.theatre.calls(LOCK)).isZero();
    }

    @Test
    void anUnknownShowIsSaidToBeUnknown() {
        HoldOutcome outcome = booking.place(new HoldRequest("show-404", List.of("A1"), BookingFixture.EMAIL));

        assertThat(outcome).isEqualTo(new HoldOutcome.UnknownShow("show-404"));
    }

    @Test
    void aShowThatStartedIsNotBookable() {
        booking.clock.set(booking.show.facts().startsAt());

        assertThat(booking.place(booking.request("A1"))).isInstanceOf(HoldOutcome.NotBookable.class);
        assertThat(booking.theatre.calls(LOCK)).isZero();
    }

    @Test
    void aCancelledShowIsNotBookable() {
        booking.addShow(ShowBuilder.aShow(booking.clock).cancelled());

        assertThat(booking.place(booking.request("A1"))).isInstanceOf(HoldOutcome.NotBookable.class);
        assertThat(booking.theatre.calls(LOCK)).isZero();
    }

    @Test
    void aSeatWithoutAPriceAtTheShowIsNotBookable() {
        booking.addShow(ShowBuilder.aShow(booking.clock).withoutPriceFor(ShowBuilder.WHEELCHAIR));

        assertThat(booking.place(booking.request("A1", "C1"))).isInstanceOf(HoldOutcome.NotBookable.class);
        assertNothingHeld();
    }

    @Test
    void anEmailCannotHoldMoreSeatsOfAShowThanItsLimit() {
        BookingFixture limited = new BookingFixture(FOUR_PER_EMAIL, booking.bookingRules);
        limited.placeHold("A1", "A2", "A3");

        HoldOutcome outcome = limited.place(limited.request("B1", "B2"));

        assertThat(outcome).isInstanceOfSatisfying(HoldOutcome.LimitReached.class, limit -> assertThat(limit.field()).isEqualTo("email"));
        assertThat(limited.theatre.calls(LOCK)).as("the chain is spared a lock bound to fail").isEqualTo(1);
    }

    @Test
    void anEmailsFirstHoldOfAShowIsNotCountedBeforeTheLockButItsNextIs() {
        List<String> counted = new ArrayList<>();
        InMemoryHoldStore counting = new InMemoryHoldStore() {
            @Override
            public synchronized int seatsHeldBy(String email, String showId, Instant now) {
                counted.add(email);
                return super.seatsHeldBy(email, showId, now);
            }
        };
        Holds holdsHere = new Holds(booking.shows, booking.chains, counting, FOUR_PER_EMAIL, booking.watch, booking.secrets,
                booking.transactions, booking.clock);

        holdsHere.place("hld_1", booking.request("A1", "A2"));
        assertThat(counted).as("a first hold").isEmpty();
        holdsHere.place("hld_2", booking.request("B1"));
        assertThat(counted).as("the next hold of the same email").containsExactly(BookingFixture.EMAIL);
    }

    @Test
    void moreSeatsThanAnEmailMayHoldAreRefusedBeforeTheLockEvenInAFirstHold() {
        BookingFixture limited = new BookingFixture(new HoldRules(Duration.ofMinutes(5), Duration.ofSeconds(30), 6, 4),
                booking.bookingRules);

        HoldOutcome outcome = limited.place(limited.request("A1", "A2", "A3", "A4", "A5"));

        assertThat(outcome).isInstanceOf(HoldOutcome.LimitReached.class);
        assertThat(limited.theatre.calls(LOCK)).isZero();
    }

    @Test
    void anEmailHoldingSeatsThroughAnotherInstanceIsRefusedWhenRecordedAndTheLockGivenBack() {
        BookingFixture limited = new BookingFixture(FOUR_PER_EMAIL, booking.bookingRules);
        limited.placeHold("A1", "A2", "A3");
        Holds otherInstance = new Holds(limited.shows, limited.chains, limited.holdStore, FOUR_PER_EMAIL, limited.watch,
                limited.secrets, limited.transactions, limited.clock);

        HoldOutcome outcome = otherInstance.place(otherInstance.newHoldId(), limited.request("B1", "B2"));

        assertThat(outcome).isInstanceOf(HoldOutcome.LimitReached.class);
        assertThat(limited.theatre.calls(RELEASE)).as("the lock is given back").isEqualTo(1);
        assertThat(limited.theatre.heldSeats(limited.show.ref())).containsExactlyInAnyOrder("A1", "A2", "A3");
        assertThat(otherInstance.place(otherInstance.newHoldId(), limited.request("C1", "C2")))
                .isInstanceOf(HoldOutcome.LimitReached.class);
        assertThat(limited.theatre.calls(LOCK)).as("the next attempt is counted before the lock").isEqualTo(2);
    }

    @Test
    void theEmailLimitIsCheckedAgainWhenTheHoldIsRecorded() {
        BookingFixture limited = new BookingFixture(FOUR_PER_EMAIL, booking.bookingRules);
        Instant now = limited.clock.instant();
        Hold placedMeanwhile = HoldBuilder.aHold(now).show(limited.show.id()).email(BookingFixture.EMAIL).seats("C3", "C4").build();
        limited.theatre.beforeNextLock(request -> limited.holdStore.recordWithin(placedMeanwhile, "hash", 4, now));

        HoldOutcome outcome = limited.place(limited.request("B1", "B2", "B3"));

        assertThat(outcome).isInstanceOf(HoldOutcome.LimitReached.class);
        assertThat(limited.theatre.heldSeats(limited.show.ref())).as("the lock is given back").isEmpty();
        assertThat(limited.holdStore.seatsHeldBy(BookingFixture.EMAIL, limited.show.id(), now)).isEqualTo(2);
    }

    @Test
    void aReceiptIsToldOfTheNewHoldInsideTheTransactionThatRecordsIt() {
        List<String> seen = new ArrayList<>();

        HoldOutcome outcome = booking.holds.placeNew(booking.holds.newHoldId(), booking.request("A1"), (hold, token) -> {
            assertThat(booking.transactions.inTransaction()).isTrue();
            assertThat(booking.holdStore.find(hold.id())).as("recorded first").isPresent();
            seen.add(hold.id() + " " + token);
        });

        HoldOutcome.Placed placed = (HoldOutcome.Placed) outcome;
        assertThat(seen).containsExactly(placed.hold().id() + " " + placed.token());
    }

    @Test
    void aReceiptIsNotToldOfAHoldThatWasRefused() {
        booking.placeHold("A1");
        List<String> seen = new ArrayList<>();

        HoldOutcome outcome = booking.holds.placeNew(booking.holds.newHoldId(), booking.request("A1"),
                (hold, token) -> seen.add(hold.id()));

        assertThat(outcome).isInstanceOf(HoldOutcome.SeatsTaken.class);
        assertThat(seen).isEmpty();
    }

    @Test
    void aHoldReadsExpiredOncePastItsExpiryBeforeAnySweep() {
        HoldOutcome.Placed placed = booking.placeHold("A1");
        booking.clock.set(placed.hold().expiresAt());

        assertThat(holds.find(placed.hold().id(), placed.token())).map(Hold::status).contains(HoldStatus.EXPIRED);
        assertThat(booking.hold(placed.hold().id()).status()).isEqualTo(HoldStatus.HELD);
    }

    @Test
    void aHoldIsHeldUntilJustBeforeItsExpiry() {
        HoldOutcome.Placed placed = booking.placeHold("A1");
        booking.clock.set(placed.hold().expiresAt().minusSeconds(1));

        assertThat(holds.find(placed.hold().id(), placed.token())).map(Hold::status).contains(HoldStatus.HELD);
        assertThat(holds.expireDue()).isZero();
    }

    @Test
    void expiringEndsAHoldPastItsExpiryExactlyOnce() {
        HoldOutcome.Placed placed = booking.placeHold("A1");
        booking.clock.advance(booking.holdRules.ttl());

        assertThat(holds.expireDue()).isEqualTo(1);
        assertThat(holds.expireDue()).isZero();
        assertThat(booking.hold(placed.hold().id()).status()).isEqualTo(HoldStatus.EXPIRED);
    }

    @Test
    void expiringAHoldReleasesItsLockAtTheChain() {
        booking.placeHold("A1", "A2");
        booking.clock.advance(booking.holdRules.ttl());

        holds.expireDue();

        assertThat(booking.theatre.calls(RELEASE)).isEqualTo(1);
        assertThat(booking.theatre.heldSeats(showRef)).isEmpty();
    }

    @Test
    void expiringAHoldTellsTheSeatWatchItsSeatsAreFree() {
        HoldOutcome.Placed placed = booking.placeHold("A1", "A2");
        booking.clock.advance(booking.holdRules.ttl());

        holds.expireDue();

        assertThat(booking.watch.freed()).containsExactly(new SeatsFreed(booking.show.id(), List.of("A1", "A2"), placed.hold().id()));
    }

    @Test
    void aHoldEndsBeforeTheChainsLock() {
        Instant now = booking.clock.instant();

        Hold hold = booking.placeHold("A1").hold();

        assertThat(hold.expiresAt()).isEqualTo(now.plus(booking.holdRules.ttl()));
        assertThat(hold.chainExpiresAt()).isEqualTo(now.plus(booking.holdRules.ttl()).plus(booking.holdRules.chainMargin()));
    }

    @Test
    void aHoldEndsAMarginBeforeAChainLockShorterThanAskedFor() {
        Instant now = booking.clock.instant();
        booking.theatre.grantLocksFor(Duration.ofMinutes(2));

        Hold hold = booking.placeHold("A1").hold();

        assertThat(hold.chainExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(2)));
        assertThat(hold.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(2)).minus(booking.holdRules.chainMargin()));
    }

    @Test
    void aChainLockTooShortForTheMarginIsReleasedAndTheHoldRefused() {
        booking.theatre.grantLocksFor(booking.holdRules.chainMargin());

        HoldOutcome outcome = booking.place(booking.request("A1"));

        assertThat(outcome).isInstanceOf(HoldOutcome.NotBookable.class);
        assertThat(booking.theatre.calls(RELEASE)).isEqualTo(1);
        assertNothingHeld();
    }

    @Test
    void releasingAHoldFreesItsSeats() {
        HoldOutcome.Placed placed = booking.placeHold("A1");

        assertThat(holds.release(placed.hold().id(), placed.token())).map(Hold::status).contains(HoldStatus.RELEASED);
        assertThat(booking.theatre.heldSeats(showRef)).isEmpty();
        assertThat(booking.watch.freed()).extracting(SeatsFreed::holdId).containsExactly(placed.hold().id());
    }

    @Test
    void releasingWithAnotherTokenLooksLikeNoHold() {
        HoldOutcome.Placed placed = booking.placeHold("A1");

        assertThat(holds.release(placed.hold().id(), "not-the-token")).isEmpty();
        assertThat(booking.theatre.heldSeats(showRef)).containsExactly("A1");
    }

    @Test
    void findingWithAnotherTokenLooksLikeNoHold() {
        HoldOutcome.Placed placed = booking.placeHold("A1");

        assertThat(holds.find(placed.hold().id(), "not-the-token")).isEmpty();
        assertThat(holds.find("hld_404", placed.token())).isEmpty();
    }

    @Test
    void aChainFailureWhileLockingIsThrownAndNothingIsRecorded() {
        booking.theatre.unavailableFor(LOCK, 1);

        assertThatThrownBy(() -> booking.place(booking.request("A1"))).isInstanceOf(TheatreUnavailableException.class);
        assertThat(booking.holdStore.find("hld_1")).isEmpty();
    }

    @Test
    void aChainTimeoutWhileLockingLeavesTheOutcomeUnknown() {
        booking.theatre.loseAnswersOfLocks(1);

        assertThatThrownBy(() -> booking.place(booking.request("A1"))).isInstanceOf(TheatreTimeoutException.class);
        assertThat(booking.holdStore.find("hld_1")).isEmpty();
        assertThat(booking.theatre.heldSeats(showRef)).as("the chain took the lock").containsExactly("A1");
    }

    @Test
    void aStoreFailureWhenRecordingReleasesTheChainsLock() {
        InMemoryHoldStore failing = new InMemoryHoldStore() {
            @Override
            public boolean recordWithin(Hold hold, String tokenHash, int maxSeatsPerEmail, Instant now) {
                throw new IllegalStateException("database down");
            }
        };
        Holds holdsOnFailingStore = new Holds(booking.shows, booking.chains, failing, booking.holdRules, booking.watch, booking.secrets,
                booking.transactions, booking.clock);

        assertThatThrownBy(() -> holdsOnFailingStore.place("hld_1", booking.request("A1")))
                .isInstanceOf(HoldNotRecordedException.class)
                .hasRootCauseMessage("database down");
        assertThat(booking.theatre.calls(RELEASE)).isEqualTo(1);
        assertThat(booking.theatre.heldSeats(showRef)).isEmpty();
    }
}
