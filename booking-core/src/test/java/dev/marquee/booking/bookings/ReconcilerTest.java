package dev.marquee.booking.bookings;

import static dev.marquee.booking.testing.RecordingOutbox.CONFIRMED;
import static dev.marquee.booking.testing.RecordingOutbox.REFUND_REQUESTED;
import static dev.marquee.booking.testing.ScriptedTheatre.Operation.CANCEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.payments.PaymentReceived;
import dev.marquee.booking.testing.BookingFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final Duration STUCK_AFTER = Duration.ofMinutes(2);

    private final BookingFixture booking = new BookingFixture();
    private final Reconciler reconciler = new Reconciler(booking.bookingStore, booking.payments, booking.confirmations,
            booking.bookings, booking.outbox, STUCK_AFTER, booking.clock);

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
}
