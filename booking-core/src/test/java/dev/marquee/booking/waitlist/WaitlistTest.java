package dev.marquee.booking.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.bookings.BookingStatus;
import dev.marquee.booking.bookings.CheckoutOutcome;
import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldOutcome;
import dev.marquee.booking.holds.HoldRequest;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.testing.BookingFixture;
import dev.marquee.booking.testing.ShowBuilder;
import dev.marquee.spi.Seat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WaitlistTest {
    private final BookingFixture booking = new BookingFixture();
    private final Waitlist waitlist = booking.waitlist;
    private final String showId = booking.show.id();
    private HoldOutcome.Placed othersHold;

    /** The house is sold out at the chain but for these seats, which someone else holds. */
    private void soldOutButForSeatsHeldBySomeoneElse(String... seatIds) {
        List<String> held = List.of(seatIds);
        booking.theatre.sell(booking.show.ref(), booking.show.seats().stream().map(Seat::ref).filter(ref -> !held.contains(ref))
                .toArray(String[]::new));
        othersHold = (HoldOutcome.Placed) booking.place(new HoldRequest(showId, held, "bob@example.com"));
    }

    /** Someone else lets their seats go: the gateway tells the waitlist, which serves it on this thread. */
    private void theirHoldIsReleased() {
        booking.holds.release(othersHold.hold().id(), othersHold.token());
    }

    /** A sold-out house in which A4 and A5 come free while parties of these sizes wait, in this order. */
    private List<JoinOutcome.Joined> a4AndA5ComeFreeWhileWaiting(int... partySizes) {
        soldOutButForSeatsHeldBySomeoneElse("A4", "A5");
        List<JoinOutcome.Joined> queue = IntStream.range(0, partySizes.length)
                .mapToObj(i -> join("guest" + (i + 1) + "@example.com", partySizes[i])).toList();
        theirHoldIsReleased();
        return queue;
    }

    private JoinOutcome.Joined join(String email, int seatCount, String category) {
        return (JoinOutcome.Joined) waitlist.join(showId, email, seatCount, category);
    }

    private JoinOutcome.Joined join(String email, int seatCount) {
        return join(email, seatCount, null);
    }

    private WaitlistEntry now(JoinOutcome.Joined joined) {
        return booking.waitlistStore.find(joined.entry().id()).orElseThrow().entry();
    }

    private static void assertInvalid(JoinOutcome outcome, String field) {
        assertThat(outcome).isInstanceOfSatisfying(JoinOutcome.Invalid.class, invalid -> assertThat(invalid.field()).isEqualTo(field));
    }

    @Test
    void joiningNeedsAnEmailAddress() {
        assertInvalid(waitlist.join(showId, "ada", 2, null), "email");
    }

    @Test
    void joiningAsksForAtLeastOneSeat() {
        assertInvalid(waitlist.join(showId, "ada@example.com", 0, null), "seatCount");
    }

    @Test
    void joiningSaysHowManySeats() {
        assertInvalid(waitlist.join(showId, "ada@example.com", null, null), "seatCount");
    }

    @Test
    void joiningAsksForNoMoreSeatsThanOneHoldTakes() {
        assertInvalid(waitlist.join(showId, "ada@example.com", booking.holdRules.maxSeatsPerHold() + 1, null), "seatCount");
    }

    @Test
    void joiningForACategoryTheHallLacksIsInvalid() {
        assertInvalid(waitlist.join(showId, "ada@example.com", 1, "balcony"), "category");
    }

    @Test
    void joiningAnUnknownShowSaysSo() {
        assertThat(waitlist.join("show-404", "ada@example.com", 1, null)).isEqualTo(new JoinOutcome.UnknownShow("show-404"));
    }

    @Test
    void aShowNoLongerOnSaleCannotBeWaitedFor() {
        booking.addShow(ShowBuilder.aShow(booking.clock).cancelled());

        assertThat(waitlist.join(showId, "ada@example.com", 1, null)).isInstanceOf(JoinOutcome.NotBookable.class);
    }

    @Test
    void entriesArePlacedInJoinOrder() {
        assertThat(List.of(join("ada@example.com", 2), join("bob@example.com", 1), join("cy@example.com", 4)))
                .extracting(JoinOutcome.Joined::position).containsExactly(1, 2, 3);
    }

    @Test
    void whenSomeoneLeavesThoseBehindMoveUp() {
        JoinOutcome.Joined first = join("ada@example.com", 2);
        JoinOutcome.Joined second = join("bob@example.com", 1);

        waitlist.leave(first.entry().id(), first.token());

        assertThat(waitlist.position(now(first))).isZero();
        assertThat(waitlist.position(now(second))).isEqualTo(1);
    }

    @Test
    void freedSeatsAreOfferedToTheFirstInLine() {
        List<JoinOutcome.Joined> queue = a4AndA5ComeFreeWhileWaiting(2, 2);
        JoinOutcome.Joined first = queue.get(0);
        JoinOutcome.Joined second = queue.get(1);

        assertThat(now(first).status()).isEqualTo(WaitlistStatus.OFFERED);
        assertThat(now(second).status()).isEqualTo(WaitlistStatus.WAITING);
        assertThat(waitlist.position(now(second))).isEqualTo(1);
    }

    @Test
    void anOfferIsAHoldOfTheFreedSeatsForTheWaitingEmail() {
        WaitlistEntry offered = now(a4AndA5ComeFreeWhileWaiting(2).getFirst());

        Hold hold = booking.holds.find(offered.holdId(), offered.holdToken()).orElseThrow();
        assertThat(hold.email()).isEqualTo("guest1@example.com");
        assertThat(hold.seatIds()).containsExactly("A4", "A5");
        assertThat(offered.holdExpiresAt()).isEqualTo(hold.expiresAt());
    }

    @Test
    void anEntryThatDoesNotFitKeepsItsPlaceWhileALaterOneThatFitsIsOffered() {
        List<JoinOutcome.Joined> queue = a4AndA5ComeFreeWhileWaiting(3, 2);
        JoinOutcome.Joined tooMany = queue.get(0);
        JoinOutcome.Joined fits = queue.get(1);

        assertThat(now(tooMany).status()).isEqualTo(WaitlistStatus.WAITING);
        assertThat(waitlist.position(now(tooMany))).isEqualTo(1);
        assertThat(now(fits).status()).isEqualTo(WaitlistStatus.OFFERED);
    }

    @Test
    void anEntryIsOfferedOnlySeatsOfItsCategory() {
        soldOutButForSeatsHeldBySomeoneElse("A4", "C1");
        JoinOutcome.Joined wheelchair = join("ada@example.com", 1, ShowBuilder.WHEELCHAIR);

        theirHoldIsReleased();

        WaitlistEntry offered = now(wheelchair);
        assertThat(booking.hold(offered.holdId()).seatIds()).containsExactly("C1");
    }

    @Test
    void seatsOnOfferAreNotOfferedAgain() {
        JoinOutcome.Joined second = a4AndA5ComeFreeWhileWaiting(2, 2).get(1);

        waitlist.serveAll();

        assertThat(now(second).status()).isEqualTo(WaitlistStatus.WAITING);
    }

    @Test
    void anOfferWhoseHoldLapsesPassesToTheNextInLine() {
        List<JoinOutcome.Joined> queue = a4AndA5ComeFreeWhileWaiting(2, 2);
        JoinOutcome.Joined first = queue.get(0);
        JoinOutcome.Joined second = queue.get(1);

        booking.clock.advance(booking.holdRules.ttl());
        booking.holds.expireDue();

        assertThat(now(first).status()).isEqualTo(WaitlistStatus.OFFER_LAPSED);
        assertThat(now(second).status()).isEqualTo(WaitlistStatus.OFFERED);
        assertThat(booking.hold(now(second).holdId()).seatIds()).containsExactly("A4", "A5");
    }

    @Test
    void leavingWithAnOfferReleasesItsHold() {
        JoinOutcome.Joined first = a4AndA5ComeFreeWhileWaiting(2).getFirst();
        String offeredHold = now(first).holdId();

        assertThat(waitlist.leave(first.entry().id(), first.token())).map(WaitlistEntry::status).contains(WaitlistStatus.CANCELLED);

        assertThat(booking.hold(offeredHold).status()).isEqualTo(HoldStatus.RELEASED);
    }

    @Test
    void cancellingABookingMadeFromAnOfferDoesNotLapseItsEntry() {
        JoinOutcome.Joined first = a4AndA5ComeFreeWhileWaiting(2).getFirst();
        WaitlistEntry offered = now(first);
        CheckoutOutcome.Checkout done = (CheckoutOutcome.Checkout) booking.checkout.checkout(offered.holdId(), offered.holdToken());
        booking.confirmations.paid(booking.paymentOf(done.booking()));

        booking.bookings.cancel(done.booking().id(), offered.holdToken());

        assertThat(booking.booking(done.booking().id()).status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(now(first).status()).isEqualTo(WaitlistStatus.OFFERED);
    }

    @Test
    void anEntryIsFoundOnlyWithItsOwnToken() {
        JoinOutcome.Joined joined = join("ada@example.com", 2);

        assertThat(waitlist.find(joined.entry().id(), joined.token())).isPresent();
        assertThat(waitlist.find(joined.entry().id(), "not-the-token")).isEmpty();
    }
}
