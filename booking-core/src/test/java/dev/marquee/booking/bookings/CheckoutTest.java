package dev.marquee.booking.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.holds.HoldOutcome;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.payments.PaymentProvider;
import dev.marquee.booking.testing.BookingFixture;
import org.junit.jupiter.api.Test;

class CheckoutTest {
    private final BookingFixture booking = new BookingFixture();
    private final HoldOutcome.Placed placed = booking.placeHold("A1", "C1");
    private final String holdId = placed.hold().id();

    private CheckoutOutcome checkout() {
        return booking.checkout.checkout(holdId, placed.token());
    }

    private Booking checkedOut() {
        return ((CheckoutOutcome.Checkout) checkout()).booking();
    }

    @Test
    void checkoutMakesABookingWaitingForPayment() {
        CheckoutOutcome outcome = checkout();

        assertThat(outcome).isInstanceOfSatisfying(CheckoutOutcome.Checkout.class, done -> {
            assertThat(done.created()).isTrue();
            assertThat(done.booking().status()).isEqualTo(BookingStatus.PENDING_PAYMENT);
            assertThat(done.booking().seatIds()).containsExactly("A1", "C1");
            assertThat(done.booking().amount()).isEqualTo(placed.hold().total());
            assertThat(done.booking().lockRef()).isEqualTo(placed.hold().lockRef());
        });
    }

    @Test
    void checkoutOpensThePaymentUnderTheBookingId() {
        Booking made = checkedOut();

        PaymentProvider.OpenPayment payment = booking.payments.paymentFor(made.id()).orElseThrow();
        assertThat(made.paymentId()).isEqualTo(payment.paymentId());
        assertThat(made.paymentUrl()).isEqualTo(payment.paymentUrl().toString());
        assertThat(booking.payments.orderOf(payment.paymentId()).orElseThrow().amount()).isEqualTo(made.amount());
    }

    @Test
    void aHoldHasOneBookingSoCheckingOutAgainAnswersTheSameOne() {
        Booking first = checkedOut();

        assertThat(checkout()).isEqualTo(new CheckoutOutcome.Checkout(booking.booking(first.id()), false));
        assertThat(booking.payments.openCalls()).isEqualTo(1);
    }

    @Test
    void aHoldsTokenIsItsBookingsToken() {
        Booking made = checkedOut();

        assertThat(booking.bookings.find(made.id(), placed.token())).isPresent();
    }

    @Test
    void checkoutWithAnotherTokenFindsNoHold() {
        assertThat(booking.checkout.checkout(holdId, "not-the-token")).isEqualTo(new CheckoutOutcome.NoHold());
    }

    @Test
    void aReleasedHoldCannotBeCheckedOut() {
        booking.holds.release(holdId, placed.token());

        assertThat(checkout()).isEqualTo(new CheckoutOutcome.HoldEnded(HoldStatus.RELEASED));
        assertThat(booking.bookingStore.findByHold(holdId)).isEmpty();
    }

    @Test
    void aHoldPastItsExpiryCannotBeCheckedOutEvenBeforeTheSweep() {
        booking.clock.set(placed.hold().expiresAt());

        assertThat(checkout()).isEqualTo(new CheckoutOutcome.HoldEnded(HoldStatus.EXPIRED));
    }

    @Test
    void whenTheProviderIsDownTheBookingIsKeptAndTheCheckoutSaysSo() {
        booking.payments.downFor(1);

        CheckoutOutcome outcome = checkout();

        assertThat(outcome).isInstanceOfSatisfying(CheckoutOutcome.ProviderUnavailable.class,
                down -> assertThat(booking.booking(down.booking().id()).paymentId()).isNull());
        assertThat(booking.bookingStore.findByHold(holdId)).isPresent();
    }

    @Test
    void checkingOutAgainOpensThePaymentTheProviderCouldNotOpenBefore() {
        booking.payments.downFor(1);
        Booking kept = ((CheckoutOutcome.ProviderUnavailable) checkout()).booking();

        CheckoutOutcome again = checkout();

        assertThat(again).isInstanceOfSatisfying(CheckoutOutcome.Checkout.class, done -> {
            assertThat(done.created()).isFalse();
            assertThat(done.booking().id()).isEqualTo(kept.id());
            assertThat(done.booking().paymentUrl()).isNotNull();
        });
    }
}
