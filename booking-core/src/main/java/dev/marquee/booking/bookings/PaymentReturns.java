package dev.marquee.booking.bookings;

import dev.marquee.booking.holds.Holds;
import dev.marquee.booking.support.Transactions;
import java.time.Clock;
import java.util.EnumSet;

/**
 * Gives a payment back when its seats cannot be delivered: the booking becomes {@code REFUNDED} with the
 * reason, the refund and the customer's email are queued in the same transaction, and the seats of a hold
 * still held are let go at once. A payment is never kept for seats not delivered.
 */
public class PaymentReturns {
    private static final System.Logger LOG = System.getLogger(PaymentReturns.class.getName());

    private final BookingStore bookings;
    private final BookingOutbox outbox;
    private final Transactions transactions;
    private final Holds holds;
    private final Clock clock;

    public PaymentReturns(BookingStore bookings, BookingOutbox outbox, Transactions transactions, Holds holds, Clock clock) {
        this.bookings = bookings;
        this.outbox = outbox;
        this.transactions = transactions;
        this.holds = holds;
        this.clock = clock;
    }

    /**
     * Refunds a paid booking that still awaited its seats; a booking past that changes nothing. The caller has made
     * sure that the chain holds no booking for it: a booking {@code CONFIRMING} is refunded only once its chain said so.
     */
    public Settlement refund(Booking booking, String reason) {
        boolean changed = transactions.atomically(() -> {
            if (!bookings.transition(booking.id(), EnumSet.of(BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMING,
                    BookingStatus.EXPIRED, BookingStatus.FAILED), BookingStatus.REFUNDED, reason, clock.instant())) {
                return false;
            }
            Booking refunded = bookings.lock(booking.id()).orElseThrow();
            outbox.refundRequested(refunded, reason);
            outbox.refunded(refunded, reason);
            return true;
        });
        if (changed) {
            LOG.log(System.Logger.Level.INFO, "Booking {0} is refunded: {1}", booking.id(), reason);
            holds.releaseUndelivered(booking.holdId());
        }
        return Settlement.done();
    }
}
