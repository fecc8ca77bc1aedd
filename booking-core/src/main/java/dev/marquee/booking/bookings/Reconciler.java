package dev.marquee.booking.bookings;

import dev.marquee.booking.payments.PaymentProvider;
import dev.marquee.booking.payments.PaymentProvider.PaymentState;
import dev.marquee.booking.payments.PaymentProviderException;
import dev.marquee.booking.payments.PaymentReceived;
import dev.marquee.spi.TheatreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settles bookings stuck past a bound by comparing the gateway with the payment provider and the chain,
 * for what the messages between them did not bring: a payment whose event never arrived, a cancellation the
 * chain was never told of, a refund the provider never made. Every action goes through the same idempotent
 * steps as the messages, so running it on several instances at once, or twice, changes nothing more.
 */
public class Reconciler {
    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
    private static final int BATCH = 200;

    /** A booking PENDING_PAYMENT whose payment the provider says succeeded: its event was lost or is late. */
    public static final String PAID_WITHOUT_EVENT = "paid-without-event";
    /** A booking CANCELLING long after its customer asked: the chain was not told yet. */
    public static final String CANCELLATION_UNFINISHED = "cancellation-unfinished";
    /** A booking CANCELLED or REFUNDED whose payment the provider has not refunded. */
    public static final String REFUND_OUTSTANDING = "refund-outstanding";

    private final BookingStore bookings;
    private final PaymentProvider payments;
    private final Confirmations confirmations;
    private final Bookings cancellations;
    private final BookingOutbox outbox;
    private final Duration stuckAfter;
    private final Clock clock;

    public Reconciler(BookingStore bookings, PaymentProvider payments, Confirmations confirmations, Bookings cancellations,
            BookingOutbox outbox, Duration stuckAfter, Clock clock) {
        this.bookings = bookings;
        this.payments = payments;
        this.confirmations = confirmations;
        this.cancellations = cancellations;
        this.outbox = outbox;
        this.stuckAfter = Objects.requireNonNull(stuckAfter, "stuckAfter");
        this.clock = clock;
    }

    /**
     * What one round found and did.
     *
     * @param divergences how many bookings of each kind ({@link #PAID_WITHOUT_EVENT}, …) were found stuck
     * @param settled how many of them this round settled
     */
    public record Round(Map<String, Integer> divergences, int settled) {
        public Round {
            divergences = Map.copyOf(divergences);
        }

        public int total() {
            return divergences.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public Round reconcile() {
        Instant before = clock.instant().minus(stuckAfter);
        Map<String, Integer> found = new LinkedHashMap<>();
        int settled = 0;
        for (String id : bookings.idsIn(BookingStatus.PENDING_PAYMENT, before, BATCH)) {
            settled += settlePayment(id, found);
        }
        for (String id : bookings.idsIn(BookingStatus.CANCELLING, before, BATCH)) {
            found.merge(CANCELLATION_UNFINISHED, 1, Integer::sum);
            if (cancellations.completeCancellation(id) instanceof Settlement.Done) {
                settled++;
            }
        }
        for (BookingStatus ended : new BookingStatus[] {BookingStatus.CANCELLED, BookingStatus.REFUNDED}) {
            for (String id : bookings.idsIn(ended, before, BATCH)) {
                settled += settleRefund(id, found);
            }
        }
        Round round = new Round(found, settled);
        if (round.total() > 0) {
            LOG.log(System.Logger.Level.WARNING, "Reconciliation found {0} and settled {1}", round.divergences(), round.settled());
        }
        return round;
    }

    private int settlePayment(String bookingId, Map<String, Integer> found) {
        Optional<Booking> booking = bookings.find(bookingId).map(BookingStore.StoredBooking::booking);
        if (booking.isEmpty() || booking.get().paymentId() == null) {
            return 0;
        }
        Optional<PaymentState> payment = lookUp(booking.get().paymentId());
        if (payment.isEmpty() || payment.get().status() != PaymentState.Status.SUCCEEDED) {
            return 0;
        }
        found.merge(PAID_WITHOUT_EVENT, 1, Integer::sum);
        PaymentState paid = payment.get();
        try {
            Settlement settled = confirmations.paid(new PaymentReceived(paid.paymentId(), paid.reference(),
                    paid.amount().amount().toPlainString(), paid.amount().currency(), paid.paidAt()));
            return settled instanceof Settlement.Done ? 1 : 0;
        } catch (TheatreException e) {
            return 0;
        }
    }

    private int settleRefund(String bookingId, Map<String, Integer> found) {
        Optional<Booking> booking = bookings.find(bookingId).map(BookingStore.StoredBooking::booking);
        if (booking.isEmpty() || booking.get().paymentId() == null || booking.get().refundId() != null) {
            return 0;
        }
        Optional<PaymentState> payment = lookUp(booking.get().paymentId());
        if (payment.isEmpty() || payment.get().status() != PaymentState.Status.SUCCEEDED) {
            return 0;
        }
        found.merge(REFUND_OUTSTANDING, 1, Integer::sum);
        // The provider refunds a payment at most once, so asking again is safe whatever became of the first request.
        outbox.refundRequested(booking.get(), "reconciliation: the payment of a " + booking.get().status() + " booking was not refunded");
        return 1;
    }

    private Optional<PaymentState> lookUp(String paymentId) {
        try {
            return payments.find(paymentId);
        } catch (PaymentProviderException e) {
            LOG.log(System.Logger.Level.DEBUG, "The payment provider could not be asked about {0}: {1}", paymentId, e.getMessage());
            return Optional.empty();
        }
    }
}
