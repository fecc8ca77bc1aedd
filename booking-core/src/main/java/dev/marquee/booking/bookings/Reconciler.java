package dev.marquee.booking.bookings;

import dev.marquee.booking.chains.Chains;
import dev.marquee.booking.payments.PaymentProvider;
import dev.marquee.booking.payments.PaymentProvider.PaymentState;
import dev.marquee.booking.payments.PaymentProviderException;
import dev.marquee.booking.payments.PaymentReceived;
import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.TheatreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settles bookings stuck past a bound by comparing the gateway with the payment provider and the chain,
 * for what the messages between them did not bring: a payment whose event never arrived, a confirmation whose
 * outcome nobody settled, a cancellation the chain was never told of, a refund the provider never made. It also
 * checks each confirmed booking once against its chain, and keeps watching those the chain does not hold. Every
 * action goes through the same idempotent steps as the messages, so running it on several instances at once, or
 * twice, changes nothing more.
 */
public class Reconciler {
    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
    private static final int BATCH = 200;
    /** Confirmed bookings checked against their chain per round, by default: each check is a call to the chain. */
    public static final int CONFIRMED_BATCH = 50;
    /** How far back the first round after a start looks for confirmed bookings to check. */
    static final Duration CONFIRMED_LOOKBACK = Duration.ofHours(24);
    /** Confirmed bookings missing at their chain watched at most, each asked about again every round. */
    static final int WATCHED_AT_MOST = 200;

    /** A booking PENDING_PAYMENT whose payment the provider says succeeded: its event was lost or is late. */
    public static final String PAID_WITHOUT_EVENT = "paid-without-event";
    /** A booking CONFIRMING long after it was paid: the outcome of its confirmation at the chain was never settled. */
    public static final String CONFIRMATION_UNSETTLED = "confirmation-unsettled";
    /** A booking CANCELLING long after its customer asked: the chain was not told yet. */
    public static final String CANCELLATION_UNFINISHED = "cancellation-unfinished";
    /** A booking CANCELLED or REFUNDED whose payment the provider has not refunded. */
    public static final String REFUND_OUTSTANDING = "refund-outstanding";
    /** A booking CONFIRMED whose chain, asked by its reference, holds no booking for it or cancelled it. */
    public static final String CONFIRMED_MISSING_AT_CHAIN = "confirmed-missing-at-chain";
    /** Every kind of divergence, in the order a round looks for them. */
    public static final List<String> KINDS = List.of(PAID_WITHOUT_EVENT, CONFIRMATION_UNSETTLED, CANCELLATION_UNFINISHED,
            REFUND_OUTSTANDING, CONFIRMED_MISSING_AT_CHAIN);

    private final BookingStore bookings;
    private final PaymentProvider payments;
    private final Chains chains;
    private final Confirmations confirmations;
    private final Bookings cancellations;
    private final BookingOutbox outbox;
    private final ReconciliationMetrics metrics;
    private final Duration stuckAfter;
    private final int confirmedBatch;
    private final Clock clock;
    /** Confirmed bookings checked up to here; only the reconciler's thread moves it. */
    private Instant confirmedCheckedUntil;
    /** Confirmed bookings their chain does not hold, by id, asked about again every round until that changes. */
    private final Map<String, Boolean> missingAtChain = new LinkedHashMap<>();

    public Reconciler(BookingStore bookings, PaymentProvider payments, Chains chains, Confirmations confirmations,
            Bookings cancellations, BookingOutbox outbox, ReconciliationMetrics metrics, Duration stuckAfter, Clock clock) {
        this(bookings, payments, chains, confirmations, cancellations, outbox, metrics, stuckAfter, CONFIRMED_BATCH, clock);
    }

    /** As above, checking at most {@code confirmedBatch} confirmed bookings against their chains per round. */
    public Reconciler(BookingStore bookings, PaymentProvider payments, Chains chains, Confirmations confirmations,
            Bookings cancellations, BookingOutbox outbox, ReconciliationMetrics metrics, Duration stuckAfter, int confirmedBatch,
            Clock clock) {
        if (confirmedBatch < 1) {
            throw new IllegalArgumentException("confirmedBatch must be positive, got " + confirmedBatch);
        }
        this.confirmedBatch = confirmedBatch;
        this.bookings = bookings;
        this.payments = payments;
        this.chains = chains;
        this.confirmations = confirmations;
        this.cancellations = cancellations;
        this.outbox = outbox;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.stuckAfter = Objects.requireNonNull(stuckAfter, "stuckAfter");
        this.clock = clock;
        this.confirmedCheckedUntil = clock.instant().minus(CONFIRMED_LOOKBACK);
    }

    /**
     * What one round found and did.
     *
     * @param divergences how many bookings of each kind ({@link #PAID_WITHOUT_EVENT}, …) were found in this round
     * @param open how many of each kind are still open after it: found and not settled, or (for
     *     {@link #CONFIRMED_MISSING_AT_CHAIN}) still watched; every kind is present, with 0 when none is open
     * @param settled how many of them this round settled
     */
    public record Round(Map<String, Integer> divergences, Map<String, Integer> open, int settled) {
        public Round {
            divergences = Map.copyOf(divergences);
            open = Map.copyOf(open);
        }

        public int total() {
            return divergences.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Tallies of one round, by kind. */
    private static final class Tally {
        final Map<String, Integer> found = new LinkedHashMap<>();
        final Map<String, Integer> open = new LinkedHashMap<>();
        int settled;

        Tally() {
            KINDS.forEach(kind -> open.put(kind, 0));
        }

        /** A divergence of this kind was found; {@code settledNow} says whether it was settled at once. */
        void found(String kind, boolean settledNow) {
            found.merge(kind, 1, Integer::sum);
            if (settledNow) {
                settled++;
            } else {
                open.merge(kind, 1, Integer::sum);
            }
        }
    }

    public synchronized Round reconcile() {
        Instant before = clock.instant().minus(stuckAfter);
        Tally tally = new Tally();
        for (String id : bookings.idsIn(BookingStatus.PENDING_PAYMENT, before, BATCH)) {
            settlePayment(id, tally);
        }
        for (String id : bookings.idsIn(BookingStatus.CONFIRMING, before, BATCH)) {
            settleConfirmation(id, tally);
        }
        for (String id : bookings.idsIn(BookingStatus.CANCELLING, before, BATCH)) {
            tally.found(CANCELLATION_UNFINISHED, cancellations.completeCancellation(id) instanceof Settlement.Done);
        }
        for (BookingStatus ended : new BookingStatus[] {BookingStatus.CANCELLED, BookingStatus.REFUNDED}) {
            for (String id : bookings.idsIn(ended, before, BATCH)) {
                settleRefund(id, tally);
            }
        }
        checkConfirmed(before, tally);
        Round round = new Round(tally.found, tally.open, tally.settled);
        if (round.total() > 0) {
            LOG.log(System.Logger.Level.WARNING, "Reconciliation found {0} and settled {1}", round.divergences(), round.settled());
        }
        try {
            metrics.recorded(round);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not record the reconciliation round in the metrics: {0}", e.toString());
        }
        return round;
    }

    private void settlePayment(String bookingId, Tally tally) {
        Optional<Booking> booking = bookings.find(bookingId).map(BookingStore.StoredBooking::booking);
        if (booking.isEmpty() || booking.get().paymentId() == null) {
            return;
        }
        Optional<PaymentState> payment = lookUp(booking.get().paymentId());
        if (payment.isEmpty() || payment.get().status() != PaymentState.Status.SUCCEEDED) {
            return;
        }
        tally.found(PAID_WITHOUT_EVENT, confirmAgain(payment.get()) instanceof Settlement.Done);
    }

    /**
     * A confirmation whose outcome was never settled. The chain is asked by the booking's reference first: a booking
     * it holds is completed and one it cancelled is refunded, whatever became of the messages. When it holds none, the
     * confirmation is resumed from what the provider says was paid, through the same step as the payment's event:
     * confirmed again by reference, or, past the give-up time, refunded once the chain has let the lock go. A booking
     * is confirmed only for a payment the provider says succeeded.
     */
    private void settleConfirmation(String bookingId, Tally tally) {
        Optional<Booking> booking = bookings.find(bookingId).map(BookingStore.StoredBooking::booking)
                .filter(b -> b.status() == BookingStatus.CONFIRMING);
        if (booking.isEmpty()) {
            return;
        }
        Settlement settled;
        try {
            Optional<Settlement> fromChain = confirmations.settleFromChain(bookingId);
            settled = fromChain.isPresent() ? fromChain.get() : resumeConfirmation(booking.get());
        } catch (TheatreException e) {
            LOG.log(System.Logger.Level.DEBUG, "Chain {0} cannot say yet what became of booking {1}: {2}",
                    booking.get().chainId(), bookingId, e.getMessage());
            settled = new Settlement.RetryLater(Duration.ZERO, e.getMessage());
        }
        tally.found(CONFIRMATION_UNSETTLED, settled instanceof Settlement.Done);
    }

    private Settlement resumeConfirmation(Booking booking) {
        if (booking.paymentId() == null) {
            return new Settlement.RetryLater(Duration.ZERO, "no payment recorded");
        }
        Optional<PaymentState> payment = lookUp(booking.paymentId());
        if (payment.isEmpty() || payment.get().status() != PaymentState.Status.SUCCEEDED) {
            LOG.log(System.Logger.Level.WARNING, "Booking {0} is CONFIRMING, but the provider says its payment {1} is {2}; "
                    + "left for a person to look at", booking.id(), booking.paymentId(),
                    payment.map(p -> p.status().name()).orElse("unknown"));
            return new Settlement.RetryLater(Duration.ZERO, "payment not succeeded");
        }
        return confirmAgain(payment.get());
    }

    private Settlement confirmAgain(PaymentState paid) {
        try {
            return confirmations.paid(new PaymentReceived(paid.paymentId(), paid.reference(), paid.amount().amount().toPlainString(),
                    paid.amount().currency(), paid.paidAt()));
        } catch (TheatreException e) {
            return new Settlement.RetryLater(Duration.ZERO, e.getMessage());
        }
    }

    private void settleRefund(String bookingId, Tally tally) {
        Optional<Booking> booking = bookings.find(bookingId).map(BookingStore.StoredBooking::booking);
        if (booking.isEmpty() || booking.get().paymentId() == null || booking.get().refundId() != null) {
            return;
        }
        Optional<PaymentState> payment = lookUp(booking.get().paymentId());
        if (payment.isEmpty() || payment.get().status() != PaymentState.Status.SUCCEEDED) {
            return;
        }
        // The provider refunds a payment at most once, so asking again is safe whatever became of the first request.
        outbox.refundRequested(booking.get(), "reconciliation: the payment of a " + booking.get().status() + " booking was not refunded");
        tally.found(REFUND_OUTSTANDING, true);
    }

    /**
     * Checks confirmed bookings against their chains: those confirmed since the last check (once each, a bounded number
     * per round, oldest first) and those found missing before. A confirmed booking the chain does not hold means its
     * seats may be sold twice. It is reported, not settled: the customer holds tickets the gateway issued and paid for
     * them, and the gateway cannot tell from here whether the chain lost the booking, cancelled it on purpose, or
     * answers wrongly; voiding tickets and refunding could turn away someone the cinema would let in, and the seats
     * cannot be taken back from whoever else bought them. A person settles it with the chain; the booking stays watched
     * (and counted open) until the chain holds it again or it is no longer CONFIRMED.
     */
    private void checkConfirmed(Instant before, Tally tally) {
        for (String id : List.copyOf(missingAtChain.keySet())) {
            Optional<Boolean> missing = missingAtChain(id);
            if (missing.isPresent() && !missing.get()) {
                missingAtChain.remove(id);
                LOG.log(System.Logger.Level.INFO, "Confirmed booking {0} is held by its chain again, or no longer confirmed", id);
            } else if (missing.isPresent()) {
                tally.found.merge(CONFIRMED_MISSING_AT_CHAIN, 1, Integer::sum);
            }
        }
        // Bookings confirmed at the very same instant as the last one checked, and cut off by the batch, are skipped:
        // rare enough (timestamps are finer than a confirmation takes) not to warrant a cursor on the id as well.
        for (BookingStore.Changed confirmed : bookings.changedIn(BookingStatus.CONFIRMED, confirmedCheckedUntil, before,
                confirmedBatch)) {
            if (!missingAtChain.containsKey(confirmed.bookingId()) && missingAtChain(confirmed.bookingId()).orElse(false)) {
                tally.found.merge(CONFIRMED_MISSING_AT_CHAIN, 1, Integer::sum);
                watch(confirmed.bookingId());
            }
            confirmedCheckedUntil = confirmed.changedAt();
        }
        tally.open.put(CONFIRMED_MISSING_AT_CHAIN, missingAtChain.size());
    }

    /** Whether a booking CONFIRMED in the gateway is missing at its chain; empty when the chain cannot say. */
    private Optional<Boolean> missingAtChain(String bookingId) {
        Optional<Booking> booking = bookings.find(bookingId).map(BookingStore.StoredBooking::booking)
                .filter(b -> b.status() == BookingStatus.CONFIRMED);
        if (booking.isEmpty()) {
            return Optional.of(false);
        }
        BookingLookup lookup;
        try {
            lookup = chains.require(booking.get().chainId()).findBooking(bookingId);
        } catch (TheatreException e) {
            LOG.log(System.Logger.Level.DEBUG, "Chain {0} cannot say whether it holds booking {1}: {2}", booking.get().chainId(),
                    bookingId, e.getMessage());
            return Optional.empty();
        }
        return switch (lookup) {
            case BookingLookup.Booked booked -> Optional.of(false);
            case BookingLookup.Unsupported unsupported -> Optional.empty();
            case BookingLookup.NotFound notFound -> {
                warnMissing(booking.get(), "holds no booking for it");
                yield Optional.of(true);
            }
            case BookingLookup.Cancelled cancelled -> {
                warnMissing(booking.get(), "cancelled it (" + cancelled.bookingRef() + ")");
                yield Optional.of(true);
            }
        };
    }

    private void watch(String bookingId) {
        if (missingAtChain.size() >= WATCHED_AT_MOST) {
            String dropped = missingAtChain.keySet().iterator().next();
            missingAtChain.remove(dropped);
            LOG.log(System.Logger.Level.WARNING, "Watching {0} confirmed bookings missing at their chains; no longer watching {1}",
                    WATCHED_AT_MOST, dropped);
        }
        missingAtChain.put(bookingId, true);
    }

    private static void warnMissing(Booking booking, String what) {
        LOG.log(System.Logger.Level.WARNING, "Booking {0} is CONFIRMED with chain booking {1}, but chain {2} {3}: its seats may "
                + "be sold twice; left for a person to settle with the chain", booking.id(), booking.chainBookingRef(),
                booking.chainId(), what);
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
