package dev.marquee.booking.bookings;

import dev.marquee.booking.payments.PaymentProvider;
import dev.marquee.booking.payments.PaymentProviderException;
import java.time.Duration;
import java.util.Objects;

/** Refunds payments at the provider, retrying while it is down; the provider refunds a payment at most once. */
public class Refunds {
    private static final System.Logger LOG = System.getLogger(Refunds.class.getName());
    private static final Duration PROVIDER_RETRY = Duration.ofSeconds(10);

    private final PaymentProvider payments;
    private final BookingStore bookings;

    public Refunds(PaymentProvider payments, BookingStore bookings) {
        this.payments = payments;
        this.bookings = bookings;
    }

    /**
     * A payment to give back, as the outbox carries it.
     *
     * @param bookingId the booking
     * @param paymentId the provider's payment; null if the booking had none recorded
     * @param reason why, for the provider's records
     */
    public record RefundRequest(String bookingId, String paymentId, String reason) {
        public RefundRequest {
            Objects.requireNonNull(bookingId, "bookingId");
        }
    }

    public Settlement refund(RefundRequest request) {
        if (request.paymentId() == null) {
            return new Settlement.Rejected("booking " + request.bookingId() + " has no payment to refund");
        }
        try {
            String refundId = payments.refund(request.paymentId(), request.reason());
            bookings.refundRecorded(request.bookingId(), refundId);
            LOG.log(System.Logger.Level.INFO, "Payment {0} of booking {1} refunded as {2}", request.paymentId(),
                    request.bookingId(), refundId);
            return Settlement.done();
        } catch (PaymentProviderException e) {
            if (!e.isTransient()) {
                return new Settlement.Rejected("the provider refused to refund payment " + request.paymentId() + ": "
                        + e.getMessage());
            }
            return new Settlement.RetryLater(PROVIDER_RETRY, e.getMessage());
        }
    }
}
