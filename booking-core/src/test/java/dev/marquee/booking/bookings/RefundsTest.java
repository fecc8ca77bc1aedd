package dev.marquee.booking.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.testing.BookingFixture;
import dev.marquee.booking.testing.FakePaymentProvider;
import org.junit.jupiter.api.Test;

class RefundsTest {
    private final BookingFixture booking = new BookingFixture();
    private final Booking paid = booking.confirmed("A1").booking();
    private final Refunds.RefundRequest request = new Refunds.RefundRequest(paid.id(), paid.paymentId(), "cancelled by the customer");

    @Test
    void aRefundIsMadeAtTheProviderAndRecordedOnTheBooking() {
        assertThat(booking.refunds.refund(request)).isEqualTo(Settlement.done());

        FakePaymentProvider.Refund made = booking.payments.refunds().getFirst();
        assertThat(made.paymentId()).isEqualTo(paid.paymentId());
        assertThat(booking.booking(paid.id()).refundId()).isEqualTo(made.refundId());
    }

    @Test
    void aRefundAskedForTwiceIsMadeOnce() {
        booking.refunds.refund(request);

        assertThat(booking.refunds.refund(request)).isEqualTo(Settlement.done());

        assertThat(booking.payments.refunds()).hasSize(1);
    }

    @Test
    void whileTheProviderIsDownTheRefundIsRetriedLater() {
        booking.payments.downFor(1);

        assertThat(booking.refunds.refund(request)).isInstanceOf(Settlement.RetryLater.class);
        assertThat(booking.booking(paid.id()).refundId()).isNull();
    }

    @Test
    void aRefundTheProviderRefusesIsSetAside() {
        booking.payments.refuseNext(1);

        assertThat(booking.refunds.refund(request)).isInstanceOf(Settlement.Rejected.class);
        assertThat(booking.booking(paid.id()).refundId()).isNull();
    }

    @Test
    void aBookingWithoutAPaymentHasNothingToRefund() {
        Settlement settled = booking.refunds.refund(new Refunds.RefundRequest(paid.id(), null, "never paid"));

        assertThat(settled).isInstanceOf(Settlement.Rejected.class);
        assertThat(booking.payments.refundCalls()).isZero();
    }
}
