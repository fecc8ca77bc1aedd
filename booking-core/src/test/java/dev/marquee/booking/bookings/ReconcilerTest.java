package dev.marquee.booking.bookings;

import static dev.marquee.booking.testing.RecordingOutbox.CONFIRMED;
import static dev.marquee.booking.testing.RecordingOutbox.REFUND_REQUESTED;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.CANCEL;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.CONFIRM;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.FIND_BOOKING;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.payments.PaymentReceived;
import dev.marquee.booking.testing.BookingFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final Duration STUCK_AFTER = Duration.ofMinutes(2);

    private final BookingFixture booking = new BookingFixture();
    private final List<Reconciler.Round> recorded = new ArrayList<>();
    private final Reconciler reconciler = new Reconciler(booking.bookingStore, booking.payments, booking.chains,
            booking.confirmations, booking.bookings, booking.outbox, recorded::add, STUCK_AFTER, booking.clock);

    private BookingStatus statusOf(Booking made) {
        return booking.booking(made.id()).status();
    }

    private void pastTheBound() {
        booking.clock.advance(STUCK_AFTER.plusSeconds(1));
    }

    @Test
    void aPaymentWhoseEventNeverArrivedIsConfirmedFromWhatTheProviderSays() {
        Booking pending = booking.checkedOut("A1", "A2").booking();
        booking.payments.pay(pending.paymentId(), booking.clock.instant());
        pastTheBound();

        Reconciler.Round round = reconciler.reconcile();

        assertThat(round.divergences()).isEqualTo(Map.of(Reconciler.PAID_WITHOUT_EVENT, 1));
        assertThat(round.settled()).isEqualTo(1);
        assertThat(statusOf(pending)).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void reconcilingTwiceConfirmsOnce() {
        Booking pending = booking.checkedOut("A1").booking();
        booking.payments.pay(pending.paymentId(), booking.clock.instant());
        pastTheBound();

        reconciler.reconcile();
        Reconciler.Round again = reconciler.reconcile();

        assertThat(again.total()).isZero();
        assertThat(booking.outbox.ofKind(CONFIRMED)).hasSize(1);
    }

    @Test
    void aBookingWithinTheBoundIsLeftToItsMessages() {
        Booking pending = booking.checkedOut("A1").booking();
        booking.payments.pay(pending.paymentId(), booking.clock.instant());

        assertThat(reconciler.reconcile().total()).isZero();
        assertThat(statusOf(pending)).isEqualTo(BookingStatus.PENDING_PAYMENT);
    }

    @Test
    void aPaymentNotYetMadeIsNoDivergence() {
        Booking pending = booking.checkedOut("A1").booking();
        pastTheBound();

        assertThat(reconciler.reconcile().total()).isZero();
        assertThat(statusOf(pending)).isEqualTo(BookingStatus.PENDING_PAYMENT);
    }

    @Test
    void aCancellationTheChainWasNeverToldOfIsFinished() {
        BookingFixture.CheckedOut made = booking.confirmed("A1");
        booking.theatre.unavailableFor(CANCEL, 1);
        booking.bookings.cancel(made.booking().id(), made.token());
        pastTheBound();

        Reconciler.Round round = reconciler.reconcile();

        assertThat(round.divergences()).isEqualTo(Map.of(Reconciler.CANCELLATION_UNFINISHED, 1));
        assertThat(statusOf(made.booking())).isEqualTo(BookingStatus.CANCELLED);
    }

    @Test
    void aRefundTheProviderNeverMadeIsAskedForAgainUntilItIs() {
        Booking pending = booking.checkedOut("A1").booking();
        booking.payments.pay(pending.paymentId(), booking.clock.instant());
        // Paid the wrong amount: the booking is refunded, but the refund request never reached the provider.
        booking.confirmations.paid(new PaymentReceived(pending.paymentId(), pending.id(), "1.00", "EUR", booking.clock.instant()));
        pastTheBound();

        Reconciler.Round round = reconciler.reconcile();

        assertThat(round.divergences()).isEqualTo(Map.of(Reconciler.REFUND_OUTSTANDING, 1));
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).hasSize(2);
        booking.refunds.refund(new Refunds.RefundRequest(pending.id(), pending.paymentId(), "the wrong amount"));
        assertThat(reconciler.reconcile().total()).as("refunded at the provider now").isZero();
    }

    /** A booking paid, whose confirmation at the chain was left unsettled: the chain did or did not book it. */
    private Booking confirmingAfter(Runnable chainTrouble) {
        Booking pending = booking.checkedOut("A1", "A2").booking();
        booking.payments.pay(pending.paymentId(), booking.clock.instant());
        chainTrouble.run();
        booking.confirmations.paid(booking.paymentOf(pending));
        assertThat(statusOf(pending)).isEqualTo(BookingStatus.CONFIRMING);
        return pending;
    }

    @Test
    void aConfirmationWhoseAnswerWasLostIsCompletedFromWhatTheChainHoldsWithoutConfirmingAgain() {
        Booking confirming = confirmingAfter(() -> booking.theatre.loseAnswersOfConfirms(1));
        pastTheBound();

        Reconciler.Round round = reconciler.reconcile();

        assertThat(round.divergences()).isEqualTo(Map.of(Reconciler.CONFIRMATION_UNSETTLED, 1));
        assertThat(round.settled()).isEqualTo(1);
        assertThat(statusOf(confirming)).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.bookingStore.tickets(confirming.id())).hasSize(2);
        assertThat(booking.theatre.calls(CONFIRM)).isEqualTo(1);
    }

    @Test
    void aConfirmationThatNeverReachedTheChainIsResumedForThePaymentTheProviderHolds() {
        Booking confirming = confirmingAfter(() -> booking.theatre.timeOutFor(CONFIRM, 1));
        pastTheBound();

        reconciler.reconcile();

        assertThat(statusOf(confirming)).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.theatre.soldSeats(booking.show.ref())).containsExactlyInAnyOrder("A1", "A2");
    }

    @Test
    void aConfirmingBookingIsNotConfirmedForAPaymentTheProviderDoesNotHold() {
        Booking pending = booking.checkedOut("A1").booking();
        booking.theatre.timeOutFor(CONFIRM, 1);
        // A payment event the provider does not stand behind (it says the payment is still open).
        booking.confirmations.paid(booking.paymentOf(pending));
        pastTheBound();

        Reconciler.Round round = reconciler.reconcile();

        assertThat(round.open()).containsEntry(Reconciler.CONFIRMATION_UNSETTLED, 1);
        assertThat(statusOf(pending)).isEqualTo(BookingStatus.CONFIRMING);
        assertThat(booking.theatre.calls(CONFIRM)).isEqualTo(1);
    }

    @Test
    void aConfirmationTheChainCannotMakePastTheGiveUpTimeIsRefundedOnceItsLockIsLetGo() {
        Booking confirming = confirmingAfter(() -> booking.theatre.timeOutFor(CONFIRM, 2));
        booking.clock.advance(booking.bookingRules.confirmGiveUpAfter().plusSeconds(1));

        Reconciler.Round round = reconciler.reconcile();

        assertThat(round.settled()).isEqualTo(1);
        assertThat(statusOf(confirming)).isEqualTo(BookingStatus.REFUNDED);
        assertThat(booking.theatre.calls(RELEASE)).isPositive();
        assertThat(booking.theatre.heldSeats(booking.show.ref())).isEmpty();
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).hasSize(1);
    }

    @Test
    void anUnsettledConfirmationIsNotRefundedWhileTheChainCannotLetGoOfItsLock() {
        Booking confirming = confirmingAfter(() -> booking.theatre.timeOutFor(CONFIRM, 2));
        booking.clock.advance(booking.bookingRules.confirmGiveUpAfter().plusSeconds(1));
        booking.theatre.unavailableFor(RELEASE, 1);

        Reconciler.Round round = reconciler.reconcile();

        assertThat(round.open()).containsEntry(Reconciler.CONFIRMATION_UNSETTLED, 1);
        assertThat(statusOf(confirming)).isEqualTo(BookingStatus.CONFIRMING);
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).isEmpty();
    }

    @Test
    void anUnsettledConfirmationIsLeftWhileTheChainCannotSayWhatItHolds() {
        Booking confirming = confirmingAfter(() -> booking.theatre.loseAnswersOfConfirms(1));
        pastTheBound();
        booking.theatre.unavailableFor(FIND_BOOKING, 1);

        Reconciler.Round round = reconciler.reconcile();

        assertThat(round.open()).containsEntry(Reconciler.CONFIRMATION_UNSETTLED, 1);
        assertThat(statusOf(confirming)).isEqualTo(BookingStatus.CONFIRMING);
        assertThat(reconciler.reconcile().settled()).as("once the chain answers").isEqualTo(1);
        assertThat(statusOf(confirming)).isEqualTo(BookingStatus.CONFIRMED);
    }

    /** A confirmed booking that its chain then cancelled behind the gateway's back. */
    private BookingFixture.CheckedOut confirmedThenCancelledAtTheChain() {
        BookingFixture.CheckedOut made = booking.confirmed("A1");
        booking.theatre.cancelBooking(booking.booking(made.booking().id()).chainBookingRef());
        return made;
    }

    @Test
    void aConfirmedBookingItsChainNoLongerHoldsIsReportedAndLeftForAPerson() {
        BookingFixture.CheckedOut made = confirmedThenCancelledAtTheChain();
        pastTheBound();

        Reconciler.Round round = reconciler.reconcile();

        assertThat(round.divergences()).isEqualTo(Map.of(Reconciler.CONFIRMED_MISSING_AT_CHAIN, 1));
        assertThat(round.open()).containsEntry(Reconciler.CONFIRMED_MISSING_AT_CHAIN, 1);
        assertThat(round.settled()).isZero();
        assertThat(statusOf(made.booking())).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.bookingStore.tickets(made.booking().id())).extracting(Ticket::status).containsOnly(TicketStatus.VALID);
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).isEmpty();
    }

    @Test
    void aConfirmedBookingMissingAtItsChainStaysOpenRoundAfterRound() {
        confirmedThenCancelledAtTheChain();
        pastTheBound();
        reconciler.reconcile();

        Reconciler.Round again = reconciler.reconcile();

        assertThat(again.divergences()).isEqualTo(Map.of(Reconciler.CONFIRMED_MISSING_AT_CHAIN, 1));
        assertThat(again.open()).containsEntry(Reconciler.CONFIRMED_MISSING_AT_CHAIN, 1);
    }

    @Test
    void aConfirmedBookingItsChainHoldsIsCheckedOnceAndIsNoDivergence() {
        booking.confirmed("A1");
        pastTheBound();
        int lookupsBefore = booking.theatre.calls(FIND_BOOKING);

        assertThat(reconciler.reconcile().total()).isZero();
        assertThat(reconciler.reconcile().total()).isZero();

        assertThat(booking.theatre.calls(FIND_BOOKING) - lookupsBefore).isEqualTo(1);
    }

    @Test
    void aConfirmedBookingWithinTheBoundIsNotCheckedYet() {
        confirmedThenCancelledAtTheChain();

        assertThat(reconciler.reconcile().total()).isZero();
    }

    @Test
    void confirmedBookingsAreCheckedABoundedNumberPerRoundOldestFirst() {
        Reconciler twoPerRound = new Reconciler(booking.bookingStore, booking.payments, booking.chains, booking.confirmations,
                booking.bookings, booking.outbox, recorded::add, STUCK_AFTER, 2, booking.clock);
        for (String seat : List.of("A1", "A2", "A3")) {
            booking.confirmed(seat);
            booking.clock.advance(Duration.ofSeconds(1));
        }
        pastTheBound();
        int lookupsBefore = booking.theatre.calls(FIND_BOOKING);

        twoPerRound.reconcile();
        assertThat(booking.theatre.calls(FIND_BOOKING) - lookupsBefore).isEqualTo(2);
        twoPerRound.reconcile();
        assertThat(booking.theatre.calls(FIND_BOOKING) - lookupsBefore).isEqualTo(3);
    }

    @Test
    void everyRoundIsRecordedWithEveryKindOpenOrNot() {
        reconciler.reconcile();

        assertThat(recorded).hasSize(1);
        assertThat(recorded.getFirst().open()).containsOnlyKeys(Reconciler.KINDS).allSatisfy((kind, open) -> assertThat(open).isZero());
    }

    @Test
    void metricsThatFailDoNotBreakTheRound() {
        Reconciler failing = new Reconciler(booking.bookingStore, booking.payments, booking.chains, booking.confirmations,
                booking.bookings, booking.outbox, round -> {
                    throw new IllegalStateException("registry gone");
                }, STUCK_AFTER, booking.clock);
        Booking pending = booking.checkedOut("A1").booking();
        booking.payments.pay(pending.paymentId(), booking.clock.instant());
        pastTheBound();

        assertThat(failing.reconcile().settled()).isEqualTo(1);
    }
}
