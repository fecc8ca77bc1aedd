package dev.marquee.booking.bookings;

import static dev.marquee.booking.testing.RecordingOutbox.CANCELLATION_REQUESTED;
import static dev.marquee.booking.testing.RecordingOutbox.CANCELLED;
import static dev.marquee.booking.testing.RecordingOutbox.CONFIRMED;
import static dev.marquee.booking.testing.RecordingOutbox.REFUND_REQUESTED;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.CANCEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.holds.HoldRules;
import dev.marquee.booking.testing.BookingFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BookingsTest {
    private final BookingFixture booking = new BookingFixture();
    private final String showRef = booking.show.ref();
    private final Instant cutoff = booking.show.facts().startsAt().minus(booking.bookingRules.cancelUntil());

    private BookingFixture.CheckedOut confirmed() {
        return booking.confirmed("A1", "A2");
    }

    private Cancellation cancel(BookingFixture.CheckedOut made) {
        return booking.bookings.cancel(made.booking().id(), made.token());
    }

    private BookingStatus statusOf(BookingFixture.CheckedOut made) {
        return booking.booking(made.booking().id()).status();
    }

    @Test
    void cancellingAConfirmedBookingCancelsItAtTheChain() {
        BookingFixture.CheckedOut made = confirmed();

        assertThat(cancel(made)).isInstanceOfSatisfying(Cancellation.Cancelled.class,
                cancelled -> assertThat(cancelled.booking().status()).isEqualTo(BookingStatus.CANCELLED));
        assertThat(booking.theatre.soldSeats(showRef)).isEmpty();
    }

    @Test
    void cancellingVoidsTheTickets() {
        BookingFixture.CheckedOut made = confirmed();

        cancel(made);

        assertThat(booking.bookingStore.tickets(made.booking().id())).extracting(Ticket::status)
                .containsOnly(TicketStatus.VOID).hasSize(2);
    }

    @Test
    void cancellingAsksForTheRefundAndTellsTheCustomer() {
        cancel(confirmed());

        assertThat(booking.outbox.kinds()).containsExactly(CONFIRMED, CANCELLATION_REQUESTED, REFUND_REQUESTED, CANCELLED);
    }

    @Test
    void cancellingTellsTheSeatWatchTheSeatsAreFree() {
        BookingFixture.CheckedOut made = confirmed();

        cancel(made);

        assertThat(booking.watch.freed()).singleElement().satisfies(freed -> {
            assertThat(freed.showId()).isEqualTo(booking.show.id());
            assertThat(freed.seatIds()).containsExactly("A1", "A2");
        });
    }

    @Test
    void aBookingCanBeCancelledUntilOneSecondBeforeTheCutoff() {
        BookingFixture.CheckedOut made = confirmed();
        booking.clock.set(cutoff.minusSeconds(1));

        assertThat(cancel(made)).isInstanceOf(Cancellation.Cancelled.class);
    }

    @Test
    void aBookingCannotBeCancelledFromTheCutoffOn() {
        BookingFixture.CheckedOut made = confirmed();
        booking.clock.set(cutoff);

        assertThat(cancel(made)).isInstanceOf(Cancellation.NotCancellable.class);
        assertThat(statusOf(made)).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.theatre.calls(CANCEL)).isZero();
    }

    @Test
    void aBookingWithATicketUsedAtTheDoorCannotBeCancelled() {
        BookingFixture.CheckedOut made = confirmed();
        Ticket first = booking.bookingStore.tickets(made.booking().id()).getFirst();
        booking.bookingStore.checkIn(first.id(), booking.clock.instant());

        assertThat(cancel(made)).isInstanceOfSatisfying(Cancellation.NotCancellable.class,
                refused -> assertThat(refused.reason()).contains(first.id()));
        assertThat(booking.theatre.calls(CANCEL)).isZero();
        assertThat(statusOf(made)).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.bookingStore.tickets(made.booking().id())).extracting(Ticket::status)
                .containsExactlyInAnyOrder(TicketStatus.USED, TicketStatus.VALID);
        assertThat(booking.outbox.kinds()).containsExactly(CONFIRMED);
    }

    @Test
    void cancellingWithAnotherTokenFindsNoBooking() {
        BookingFixture.CheckedOut made = confirmed();

        assertThat(booking.bookings.cancel(made.booking().id(), "not-the-token")).isEqualTo(new Cancellation.NoBooking());
        assertThat(statusOf(made)).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void cancellingAgainAnswersCancelledWithoutASecondRefund() {
        BookingFixture.CheckedOut made = confirmed();
        cancel(made);

        assertThat(cancel(made)).isInstanceOf(Cancellation.Cancelled.class);

        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).hasSize(1);
        assertThat(booking.theatre.calls(CANCEL)).isEqualTo(1);
    }

    @Test
    void aBookingNotYetPaidCannotBeCancelled() {
        assertThat(cancel(booking.checkedOut("A1"))).isInstanceOf(Cancellation.NotCancellable.class);
    }

    @Test
    void whenTheChainRefusesTheBookingStaysConfirmed() {
        BookingFixture.CheckedOut made = confirmed();
        booking.theatre.refuseCancellations("show is sold out to a private party");

        assertThat(cancel(made)).isInstanceOfSatisfying(Cancellation.NotCancellable.class,
                refused -> assertThat(refused.reason()).contains("private party"));
        assertThat(statusOf(made)).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.bookingStore.tickets(made.booking().id())).extracting(Ticket::status).containsOnly(TicketStatus.VALID);
        assertThat(booking.outbox.kinds()).containsExactly(CONFIRMED, CANCELLATION_REQUESTED);
    }

    @Test
    void aChainFailureLeavesTheCancellationRecordedWithItsTicketsVoid() {
        BookingFixture.CheckedOut made = confirmed();
        booking.theatre.unavailableFor(CANCEL, 1);

        assertThat(cancel(made)).isInstanceOfSatisfying(Cancellation.Pending.class,
                pending -> assertThat(pending.booking().status()).isEqualTo(BookingStatus.CANCELLING));
        assertThat(booking.bookingStore.tickets(made.booking().id())).extracting(Ticket::status).containsOnly(TicketStatus.VOID);
        assertThat(booking.outbox.kinds()).containsExactly(CONFIRMED, CANCELLATION_REQUESTED);
    }

    @Test
    void aRecordedCancellationIsFinishedByItsMessageOnceTheChainAnswers() {
        BookingFixture.CheckedOut made = confirmed();
        booking.theatre.unavailableFor(CANCEL, 1);
        cancel(made);

        assertThat(booking.bookings.completeCancellation(made.booking().id())).isEqualTo(Settlement.done());

        assertThat(statusOf(made)).isEqualTo(BookingStatus.CANCELLED);
        assertThat(booking.theatre.soldSeats(showRef)).isEmpty();
        assertThat(booking.outbox.kinds()).containsExactly(CONFIRMED, CANCELLATION_REQUESTED, REFUND_REQUESTED, CANCELLED);
    }

    @Test
    void theMessageAsksToBeTriedAgainWhileTheChainIsDown() {
        BookingFixture.CheckedOut made = confirmed();
        booking.theatre.unavailableFor(CANCEL, 2);
        cancel(made);

        assertThat(booking.bookings.completeCancellation(made.booking().id())).isInstanceOf(Settlement.RetryLater.class);
        assertThat(statusOf(made)).isEqualTo(BookingStatus.CANCELLING);
    }

    @Test
    void finishingACancellationTwiceRefundsOnce() {
        BookingFixture.CheckedOut made = confirmed();
        booking.theatre.unavailableFor(CANCEL, 1);
        cancel(made);

        booking.bookings.completeCancellation(made.booking().id());
        booking.bookings.completeCancellation(made.booking().id());
        cancel(made);

        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).hasSize(1);
        assertThat(statusOf(made)).isEqualTo(BookingStatus.CANCELLED);
    }

    @Test
    void aChainThatRefusesWhenFinallyToldLeavesTheBookingConfirmedWithValidTickets() {
        BookingFixture.CheckedOut made = confirmed();
        booking.theatre.unavailableFor(CANCEL, 1);
        cancel(made);
        booking.theatre.refuseCancellations("the show has started");

        assertThat(booking.bookings.completeCancellation(made.booking().id())).isInstanceOf(Settlement.Rejected.class);

        assertThat(statusOf(made)).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.bookingStore.tickets(made.booking().id())).extracting(Ticket::status).containsOnly(TicketStatus.VALID);
        assertThat(booking.outbox.ofKind(REFUND_REQUESTED)).isEmpty();
    }

    @Test
    void anUnpaidBookingExpiresAfterThePaymentWindowOnceItsHoldIsGone() {
        BookingFixture.CheckedOut made = booking.checkedOut("A1");
        booking.clock.advance(booking.bookingRules.paymentWindow().plusSeconds(1));

        assertThat(booking.bookings.expireUnpaid()).isEqualTo(1);
        assertThat(statusOf(made)).isEqualTo(BookingStatus.EXPIRED);
    }

    @Test
    void anUnpaidBookingWithinThePaymentWindowIsKept() {
        BookingFixture.CheckedOut made = booking.checkedOut("A1");
        booking.clock.advance(booking.bookingRules.paymentWindow());

        assertThat(booking.bookings.expireUnpaid()).isZero();
        assertThat(statusOf(made)).isEqualTo(BookingStatus.PENDING_PAYMENT);
    }

    @Test
    void anUnpaidBookingWhoseHoldStillHoldsIsKeptPastThePaymentWindow() {
        BookingRules shortWindow = new BookingRules(Duration.ofHours(2), Duration.ofMinutes(1), Duration.ofMinutes(30),
                Duration.ofMinutes(2));
        BookingFixture quick = new BookingFixture(HoldRules.defaults(), shortWindow);
        BookingFixture.CheckedOut made = quick.checkedOut("A1");
        quick.clock.advance(Duration.ofMinutes(2));

        assertThat(quick.bookings.expireUnpaid()).isZero();
        assertThat(quick.booking(made.booking().id()).status()).isEqualTo(BookingStatus.PENDING_PAYMENT);
    }

    @Test
    void aPaidBookingNeverExpires() {
        BookingFixture.CheckedOut made = confirmed();
        booking.clock.advance(booking.bookingRules.paymentWindow().plusSeconds(1));

        assertThat(booking.bookings.expireUnpaid()).isZero();
        assertThat(statusOf(made)).isEqualTo(BookingStatus.CONFIRMED);
    }
}
