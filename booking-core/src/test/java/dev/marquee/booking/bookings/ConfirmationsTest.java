package dev.marquee.booking.bookings;

import static dev.marquee.booking.testing.RecordingOutbox.CONFIRMED;
import static dev.marquee.booking.testing.RecordingOutbox.REFUNDED;
import static dev.marquee.booking.testing.RecordingOutbox.REFUND_REQUESTED;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.CONFIRM;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.FIND_BOOKING;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.LOCK;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.marquee.booking.holds.HoldOutcome;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.payments.PaymentReceived;
import dev.marquee.booking.testing.BookingFixture;
import dev.marquee.booking.testing.FakePaymentProvider;
import dev.marquee.booking.testing.FakeTicketSigning;
import dev.marquee.booking.testing.RecordingOutbox;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfirmationsTest {
    private final BookingFixture booking = new BookingFixture();
    private final BookingFixture.CheckedOut checkedOut = booking.checkedOut("A1", "A2");
    private final Booking pending = checkedOut.booking();
    private final String showRef = booking.show.ref();

    private Settlement pay() {
        return booking.confirmations.paid(booking.paymentOf(pending));
    }

    private Settlement pay(String amount, String currency) {
        return booking.confirmations.paid(new PaymentReceived(pending.paymentId(), pending.id(), amount, currency,
                booking.clock.instant()));
    }

    private Booking now() {
        return booking.booking(pending.id());
    }

    /** The hold runs out and the sweeper ends it, letting its lock at the chain go. */
    private void holdExpires() {
        booking.clock.advance(booking.holdRules.ttl());
        booking.holds.expireDue();
    }

    private void assertRefundedAndHoldReleased() {
        assertThat(now().status()).isEqualTo(BookingStatus.REFUNDED);
        assertThat(booking.outbox.kinds()).containsExactly(REFUND_REQUESTED, REFUNDED);
        assertThat(booking.theatre.soldSeats(showRef)).isEmpty();
        assertThat(booking.theatre.heldSeats(showRef)).isEmpty();
    }

    @Test
    void aPaidBookingIsConfirmedWithOneTicketPerSeat() {
        assertThat(pay()).isEqualTo(Settlement.done());

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(now().chainBookingRef()).isNotNull();
        assertThat(booking.bookingStore.tickets(pending.id())).extracting(Ticket::seatId, Ticket::status)
                .containsExactlyInAnyOrder(tuple("A1", TicketStatus.VALID),
                        tuple("A2", TicketStatus.VALID));
        assertThat(booking.theatre.soldSeats(showRef)).containsExactlyInAnyOrder("A1", "A2");
    }

    @Test
    void eachTicketCarriesItsSignedClaims() {
        pay();

        assertThat(booking.signing.signed()).hasSize(2).allSatisfy(claims -> {
            assertThat(claims.bookingId()).isEqualTo(pending.id());
            assertThat(claims.cinemaId()).isEqualTo(booking.show.facts().cinemaId());
        });
        assertThat(booking.bookingStore.tickets(pending.id())).extracting(Ticket::qrPayload)
                .containsExactlyInAnyOrderElementsOf(booking.signing.signed().stream().map(FakeTicketSigning::payloadOf).toList());
    }

    @Test
    void aConfirmedBookingsHoldIsBooked() {
        pay();

        assertThat(booking.hold(pending.holdId()).status()).isEqualTo(HoldStatus.BOOKED);
    }

    @Test
    void aConfirmationSendsOneMessageWithTheTickets() {
        pay();

        assertThat(booking.outbox.kinds()).containsExactly(CONFIRMED);
        assertThat(booking.outbox.ofKind(CONFIRMED).getFirst().tickets()).isEqualTo(booking.bookingStore.tickets(pending.id()));
    }

    @Test
    void aPaymentDeliveredTwiceChangesNothingTheSecondTime() {
        pay();

        assertThat(pay()).isEqualTo(Settlement.done());

        assertThat(booking.outbox.kinds()).containsExactly(CONFIRMED);
        assertThat(booking.bookingStore.tickets(pending.id())).hasSize(2);
        assertThat(booking.theatre.calls(CONFIRM)).isEqualTo(1);
    }

    @Test
    void aConfirmationWhoseAnswerWasLostIsCompletedWithTheChainsFirstTickets() {
        ConfirmOutcome.Confirmed lost = (ConfirmOutcome.Confirmed) booking.theatre.confirm(new ConfirmRequest(pending.lockRef(),
                pending.id()));

        pay();

        assertThat(now().chainBookingRef()).isEqualTo(lost.bookingRef());
        assertThat(booking.bookingStore.tickets(pending.id())).extracting(Ticket::chainTicketRef)
                .containsExactlyInAnyOrderElementsOf(lost.tickets().stream().map(t -> t.ticketRef()).toList());
    }

    @Test
    void aPaymentOfAnotherAmountIsRefundedAndItsSeatsLetGo() {
        assertThat(pay("20.00", "EUR")).isEqualTo(Settlement.done());

        assertRefundedAndHoldReleased();
        assertThat(booking.hold(pending.holdId()).status()).isEqualTo(HoldStatus.RELEASED);
    }

    @Test
    void aPaymentInAnotherCurrencyIsRefunded() {
        pay("25.00", "GBP");

        assertThat(now().status()).isEqualTo(BookingStatus.REFUNDED);
    }

    @Test
    void theSameAmountWrittenWithOtherDecimalsIsThePrice() {
        pay("25.0", "EUR");

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void aPaymentAfterTheHoldExpiredLocksTheSeatsAgainAndConfirms() {
        holdExpires();

        assertThat(pay()).isEqualTo(Settlement.done());

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(now().lockRef()).isNotEqualTo(pending.lockRef());
        assertThat(booking.theatre.calls(LOCK)).isEqualTo(2);
        assertThat(booking.theatre.soldSeats(showRef)).containsExactlyInAnyOrder("A1", "A2");
    }

    @Test
    void aPaymentAfterTheHoldExpiredIsRefundedWhenItsSeatsWereTakenMeanwhile() {
        holdExpires();
        booking.theatre.sell(showRef, "A2");

        assertThat(pay()).isEqualTo(Settlement.done());

        assertThat(now().status()).isEqualTo(BookingStatus.REFUNDED);
        assertThat(now().statusReason()).contains("A2");
        assertThat(booking.outbox.kinds()).containsExactly(REFUND_REQUESTED, REFUNDED);
    }

    @Test
    void aPaidBookingIsConfirmingBeforeItsChainIsAsked() {
        List<BookingStatus> seenByTheChain = new ArrayList<>();
        booking.theatre.beforeNext(CONFIRM, () -> seenByTheChain.add(now().status()));

        pay();

        assertThat(seenByTheChain).containsExactly(BookingStatus.CONFIRMING);
    }

    @Test
    void whileTheChainCannotConfirmThePaymentIsRetriedLaterAndTheBookingStaysConfirming() {
        booking.theatre.unavailableFor(CONFIRM, 1);

        assertThat(pay()).isInstanceOf(Settlement.RetryLater.class);

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMING);
        assertThat(booking.outbox.kinds()).isEmpty();
    }

    @Test
    void aConfirmationWhoseAnswerTimedOutLeavesTheBookingConfirming() {
        booking.theatre.loseAnswersOfConfirms(1);

        assertThat(pay()).isInstanceOf(Settlement.RetryLater.class);

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMING);
        assertThat(booking.theatre.soldSeats(showRef)).containsExactlyInAnyOrder("A1", "A2");
    }

    @Test
    void aPaymentRedeliveredForABookingConfirmingCompletesWhatTheFirstConfirmationBooked() {
        booking.theatre.loseAnswersOfConfirms(1);
        pay();

        assertThat(pay()).isEqualTo(Settlement.done());

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.outbox.kinds()).containsExactly(CONFIRMED);
        assertThat(booking.bookingStore.tickets(pending.id())).hasSize(2);
        assertThat(booking.theatre.soldSeats(showRef)).containsExactlyInAnyOrder("A1", "A2");
    }

    @Test
    void aBookingConfirmingWhoseChainIsNoLongerServedIsSetAsideNotRefunded() {
        booking.theatre.timeOutFor(CONFIRM, 1);
        pay();
        Confirmations withoutTheChain = new Confirmations(booking.bookingStore, booking.holdStore, booking.outbox,
                booking.transactions, chainId -> Optional.empty(), booking.shows, booking.watch,
                new TicketIssue(booking.signing, booking.secrets), new PaymentReturns(booking.bookingStore, booking.outbox,
                        booking.transactions, booking.holds, booking.clock), booking.bookingRules, booking.clock);

        assertThat(withoutTheChain.paid(booking.paymentOf(pending))).isInstanceOf(Settlement.Rejected.class);

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMING);
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).isEmpty();
    }

    @Test
    void aDeclineForABookingConfirmingChangesNothing() {
        booking.theatre.unavailableFor(CONFIRM, 1);
        pay();

        booking.confirmations.declined(pending.paymentId(), pending.id(), "late");

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMING);
    }

    @Test
    void aPaymentRetriedOnceTheChainIsBackIsConfirmed() {
        booking.theatre.timeOutFor(CONFIRM, 1);
        PaymentReceived payment = booking.paymentOf(pending);
        booking.confirmations.paid(payment);

        assertThat(booking.confirmations.paid(payment)).isEqualTo(Settlement.done());
        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void aPaymentIsStillRetriedWhenTheGiveUpTimeIsReachedExactly() {
        PaymentReceived payment = booking.paymentOf(pending);
        booking.clock.advance(booking.bookingRules.confirmGiveUpAfter());
        booking.theatre.unavailableFor(CONFIRM, 1);

        assertThat(booking.confirmations.paid(payment)).isInstanceOf(Settlement.RetryLater.class);
    }

    @Test
    void aPaymentTheChainCannotConfirmForTooLongIsRefunded() {
        PaymentReceived payment = booking.paymentOf(pending);
        booking.clock.advance(booking.bookingRules.confirmGiveUpAfter().plusSeconds(1));
        booking.theatre.unavailableFor(CONFIRM, 1);

        assertThat(booking.confirmations.paid(payment)).isEqualTo(Settlement.done());

        assertRefundedAndHoldReleased();
    }

    @Test
    void pastTheGiveUpTimeABookingTheChainMadeDespiteTheFailureIsConfirmedNotRefunded() {
        PaymentReceived payment = booking.paymentOf(pending);
        // An earlier confirmation reached the chain, but its answer was lost.
        booking.theatre.confirm(new ConfirmRequest(pending.lockRef(), pending.id()));
        booking.clock.advance(booking.bookingRules.confirmGiveUpAfter().plusSeconds(1));
        booking.theatre.unavailableFor(CONFIRM, 1);

        assertThat(booking.confirmations.paid(payment)).isEqualTo(Settlement.done());

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).isEmpty();
    }

    @Test
    void pastTheGiveUpTimeAPaymentIsNotRefundedWhileTheChainCannotSayWhetherItBooked() {
        PaymentReceived payment = booking.paymentOf(pending);
        booking.clock.advance(booking.bookingRules.confirmGiveUpAfter().plusSeconds(1));
        booking.theatre.unavailableFor(CONFIRM, 1);
        booking.theatre.unavailableFor(FIND_BOOKING, 1);

        assertThat(booking.confirmations.paid(payment)).isInstanceOf(Settlement.RetryLater.class);

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMING);
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).isEmpty();
    }

    @Test
    void pastTheGiveUpTimeTheLockIsLetGoBeforeThePaymentIsRefunded() {
        PaymentReceived payment = booking.paymentOf(pending);
        booking.clock.advance(booking.bookingRules.confirmGiveUpAfter().plusSeconds(1));
        booking.theatre.unavailableFor(CONFIRM, 1);
        List<Integer> refundsWhenReleased = new ArrayList<>();
        booking.theatre.beforeNext(RELEASE, () -> refundsWhenReleased.add(booking.outbox.ofKind(REFUND_REQUESTED).size()));

        booking.confirmations.paid(payment);

        assertThat(refundsWhenReleased).containsExactly(0);
        assertRefundedAndHoldReleased();
    }

    @Test
    void pastTheGiveUpTimeAPaymentIsNotRefundedWhileTheChainCannotLetGoOfTheLock() {
        PaymentReceived payment = booking.paymentOf(pending);
        booking.clock.advance(booking.bookingRules.confirmGiveUpAfter().plusSeconds(1));
        booking.theatre.unavailableFor(CONFIRM, 1);
        booking.theatre.unavailableFor(RELEASE, 1);

        assertThat(booking.confirmations.paid(payment)).isInstanceOf(Settlement.RetryLater.class);

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMING);
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).isEmpty();
    }

    @Test
    void pastTheGiveUpTimeAConfirmationThatLandsAfterTheLookupIsCompletedNotRefunded() {
        // Paid long ago, so the give-up time is past while the hold's lock still lasts.
        PaymentReceived payment = new PaymentReceived(pending.paymentId(), pending.id(), "25.00", "EUR",
                booking.clock.instant().minus(booking.bookingRules.confirmGiveUpAfter().plusSeconds(1)));
        booking.theatre.unavailableFor(CONFIRM, 1);
        // A slow confirmation, sent before and given up on by the gateway, reaches the chain after it said it had none.
        booking.theatre.beforeNext(RELEASE, () -> booking.theatre.confirm(new ConfirmRequest(pending.lockRef(), pending.id())));

        assertThat(booking.confirmations.paid(payment)).isEqualTo(Settlement.done());

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).isEmpty();
        assertThat(booking.bookingStore.tickets(pending.id())).hasSize(2);
    }

    @Test
    void aDeclinedPaymentKeepsTheBookingOpenWhileItsHoldLasts() {
        assertThat(booking.confirmations.declined(pending.paymentId(), pending.id(), "card expired")).isEqualTo(Settlement.done());

        assertThat(now().status()).isEqualTo(BookingStatus.PENDING_PAYMENT);
        assertThat(now().statusReason()).isEqualTo("payment declined: card expired");
    }

    @Test
    void aDeclinedPaymentAfterTheHoldEndedFailsTheBooking() {
        booking.clock.set(checkedOut.hold().expiresAt());

        booking.confirmations.declined(pending.paymentId(), pending.id(), null);

        assertThat(now().status()).isEqualTo(BookingStatus.FAILED);
    }

    @Test
    void aDeclineArrivingAfterThePaymentUndoesNothing() {
        pay();

        booking.confirmations.declined(pending.paymentId(), pending.id(), "late");

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void aPaymentAfterADeclineThatFailedTheBookingIsStillDelivered() {
        holdExpires();
        booking.confirmations.declined(pending.paymentId(), pending.id(), null);

        pay();

        assertThat(now().status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void aPaymentForNoKnownBookingIsSetAside() {
        assertThat(booking.confirmations.paid(new PaymentReceived("pay_404", null, "1.00", "EUR", null)))
                .isInstanceOf(Settlement.Rejected.class);
    }

    @Test
    void aPaymentIsMatchedByItsReferenceWhenItsIdIsUnknown() {
        pay();

        assertThat(booking.confirmations.bookingOf("pay_other", pending.id())).map(Booking::id).contains(pending.id());
    }

    /** A booking whose checkout opened a payment at the provider but never heard its answer: no payment recorded. */
    private Booking checkedOutWithTheProvidersAnswerLost() {
        booking.payments.loseNextAnswers(1);
        HoldOutcome.Placed placed = booking.placeHold("B1");
        assertThat(booking.checkout.checkout(placed.hold().id(), placed.token())).isInstanceOf(CheckoutOutcome.ProviderUnavailable.class);
        Booking unrecorded = booking.bookingStore.findByHold(placed.hold().id()).orElseThrow().booking();
        assertThat(unrecorded.paymentId()).isNull();
        return unrecorded;
    }

    /** The provider says the payment it opened for the booking was paid; answers the payment's id. */
    private String paidAtTheProvider(Booking unrecorded, String amount) {
        String paymentId = booking.payments.paymentFor(unrecorded.id()).orElseThrow().paymentId();
        booking.confirmations.paid(new PaymentReceived(paymentId, unrecorded.id(), amount, "EUR", booking.clock.instant()));
        return paymentId;
    }

    @Test
    void aPaymentMatchedByItsReferenceIsRefundedToThatPayment() {
        Booking unrecorded = checkedOutWithTheProvidersAnswerLost();

        String paymentId = paidAtTheProvider(unrecorded, "1.00");

        assertThat(booking.booking(unrecorded.id()).status()).isEqualTo(BookingStatus.REFUNDED);
        RecordingOutbox.Message request = booking.outbox.ofKind(REFUND_REQUESTED).getFirst();
        assertThat(request.paymentId()).isEqualTo(paymentId);
        assertThat(booking.refunds.refund(new Refunds.RefundRequest(request.bookingId(), request.paymentId(), request.reason())))
                .isEqualTo(Settlement.done());
        assertThat(booking.payments.refunds()).extracting(FakePaymentProvider.Refund::paymentId).containsExactly(paymentId);
    }

    @Test
    void aPaymentMatchedByItsReferenceIsRecordedOnTheConfirmedBooking() {
        Booking unrecorded = checkedOutWithTheProvidersAnswerLost();

        String paymentId = paidAtTheProvider(unrecorded, "12.50");

        assertThat(booking.booking(unrecorded.id()).status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.booking(unrecorded.id()).paymentId()).isEqualTo(paymentId);
    }

    @Test
    void theGiveUpTimeCountsFromWhenTheProviderSaysItWasPaid() {
        PaymentReceived paidLongAgo = new PaymentReceived(pending.paymentId(), pending.id(), "25.00", "EUR",
                booking.clock.instant().minus(Duration.ofHours(1)));
        booking.theatre.unavailableFor(CONFIRM, 1);

        booking.confirmations.paid(paidLongAgo);

        assertThat(now().status()).isEqualTo(BookingStatus.REFUNDED);
    }
}
