package dev.marquee.booking.bookings;

import dev.marquee.booking.chains.Chains;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.payments.PaymentReceived;
import dev.marquee.booking.shows.BookableShow;
import dev.marquee.booking.shows.SeatWatch;
import dev.marquee.booking.shows.Shows;
import dev.marquee.booking.support.Transactions;
import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.Money;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreTicket;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Acts on what the payment provider says. A paid booking is confirmed at its chain and gets its tickets;
 * if its hold expired meanwhile, the seats are locked again; if that fails, or the chain stays down too
 * long, the payment is refunded. A payment is never kept for seats not delivered.
 *
 * <p>Every step can be repeated: the chain confirms by the booking's reference, the status changes are
 * conditional, so a message delivered twice changes nothing the second time.
 */
public class Confirmations {
    private static final System.Logger LOG = System.getLogger(Confirmations.class.getName());
    private static final Duration CHAIN_RETRY = Duration.ofSeconds(15);

    private final BookingStore bookings;
    private final HoldStore holds;
    private final BookingOutbox outbox;
    private final Transactions transactions;
    private final Chains chains;
    private final Shows shows;
    private final SeatWatch watch;
    private final TicketIssue tickets;
    private final PaymentReturns returns;
    private final BookingRules rules;
    private final Clock clock;

    public Confirmations(BookingStore bookings, HoldStore holds, BookingOutbox outbox, Transactions transactions, Chains chains,
            Shows shows, SeatWatch watch, TicketIssue tickets, PaymentReturns returns, BookingRules rules, Clock clock) {
        this.bookings = bookings;
        this.holds = holds;
        this.outbox = outbox;
        this.transactions = transactions;
        this.chains = chains;
        this.shows = shows;
        this.watch = watch;
        this.tickets = tickets;
        this.returns = returns;
        this.rules = rules;
        this.clock = clock;
    }

    /** The booking a payment was opened for: by the provider's payment id, else by the reference it carries. */
    public Optional<Booking> bookingOf(String paymentId, String reference) {
        Optional<BookingStore.StoredBooking> byPayment = bookings.findByPayment(paymentId);
        if (byPayment.isEmpty() && reference != null) {
            byPayment = bookings.find(reference);
        }
        return byPayment.map(BookingStore.StoredBooking::booking);
    }

    /**
     * A payment went through: deliver the seats, or give the money back. The booking is {@code CONFIRMING}, committed,
     * before the chain is called, so a call whose outcome is unknown leaves a booking that says so.
     *
     * <p>A payment delivered again for a booking already {@code CONFIRMING} (a redelivered message, the reconciler)
     * calls the chain's confirm again without asking first: the SPI promises that a confirmation repeated with the
     * same reference books nothing more and answers {@link ConfirmOutcome.AlreadyConfirmed} with the first one's
     * booking and tickets ({@link TheatreAdapter#confirm}), so the repeat either settles what the first call did or
     * makes the booking the first call did not.
     */
    public Settlement paid(PaymentReceived payment) {
        Optional<Booking> found = bookingOf(payment.paymentId(), payment.reference());
        if (found.isEmpty()) {
            return new Settlement.Rejected("no booking for payment " + payment.paymentId());
        }
        Booking booking = withPaymentRecorded(found.get(), payment.paymentId());
        if (!booking.status().awaitsSeats()) {
            LOG.log(System.Logger.Level.DEBUG, "Booking {0} is {1} already; payment {2} changes nothing", booking.id(),
                    booking.status(), payment.paymentId());
            return Settlement.done();
        }
        if (booking.status().awaitsPayment()) {
            // A booking CONFIRMING had its payment checked before its chain was called; it may hold the seats now.
            Optional<String> wrongAmount = amountMismatch(booking, payment);
            if (wrongAmount.isPresent()) {
                return refund(booking, wrongAmount.get());
            }
        }
        Instant paidAt = payment.paidAt() == null ? clock.instant() : payment.paidAt();
        Optional<TheatreAdapter> theatre = chains.theatre(booking.chainId());
        if (theatre.isEmpty()) {
            if (booking.status() == BookingStatus.CONFIRMING) {
                // Its chain may have booked the seats, and can no longer be asked: a person must find out first.
                return new Settlement.Rejected("chain " + booking.chainId() + " of booking " + booking.id()
                        + " is no longer served; whether it booked the seats cannot be asked");
            }
            return refund(booking, "the cinema chain is no longer served");
        }
        Optional<Booking> confirming = startConfirming(booking);
        if (confirming.isEmpty()) {
            return Settlement.done();
        }
        try {
            return confirm(theatre.get(), confirming.get(), confirming.get().lockRef());
        } catch (TheatreException e) {
            if (clock.instant().isAfter(paidAt.plus(rules.confirmGiveUpAfter()))) {
                return giveUp(theatre.get(), confirming.get(), e);
            }
            return new Settlement.RetryLater(CHAIN_RETRY, "chain " + booking.chainId() + " failed: " + e.getMessage());
        }
    }

    /**
     * Records that the chain is about to be asked to confirm. Nobody calls this inside a transaction (message handlers and
     * the reconciler hold none), so the change is committed before the chain is called.
     *
     * @return the booking {@code CONFIRMING}, or empty when another caller settled it meanwhile
     */
    private Optional<Booking> startConfirming(Booking booking) {
        if (booking.status().awaitsPayment() && bookings.transition(booking.id(), EnumSet.of(BookingStatus.PENDING_PAYMENT,
                BookingStatus.EXPIRED, BookingStatus.FAILED), BookingStatus.CONFIRMING, null, clock.instant())) {
            LOG.log(System.Logger.Level.DEBUG, "Booking {0} is paid; confirming it at chain {1}", booking.id(), booking.chainId());
        }
        return bookings.find(booking.id()).map(BookingStore.StoredBooking::booking)
                .filter(b -> b.status() == BookingStatus.CONFIRMING);
    }

    /**
     * Settles a booking {@code CONFIRMING} from what its chain says it holds under the booking's reference, without
     * calling confirm: a booking the chain holds is completed, one it cancelled is refunded.
     *
     * @return empty when the chain holds no booking for it or cannot be asked ({@code Unsupported}): then only a
     *     confirmation, or the give-up time, settles it
     * @throws TheatreException when the chain cannot answer now
     */
    public Optional<Settlement> settleFromChain(String bookingId) {
        Optional<Booking> found = bookings.find(bookingId).map(BookingStore.StoredBooking::booking)
                .filter(b -> b.status() == BookingStatus.CONFIRMING);
        if (found.isEmpty()) {
            return Optional.of(Settlement.done());
        }
        Booking booking = found.get();
        return switch (chains.require(booking.chainId()).findBooking(booking.id())) {
            case BookingLookup.Booked booked -> Optional.of(complete(booking, booked.bookingRef(), booked.tickets()));
            case BookingLookup.Cancelled cancelled -> Optional.of(refund(booking,
                    "the cinema cancelled the seats before they were confirmed"));
            case BookingLookup.NotFound notFound -> Optional.empty();
            case BookingLookup.Unsupported unsupported -> Optional.empty();
        };
    }

    /**
     * The chain failed to confirm for longer than {@code confirmGiveUpAfter}. A failed call may still have booked
     * the seats (a timeout, an answer lost), so the chain is asked by the booking's reference before the payment
     * is given back: it is never refunded while the chain holds the booking, and while the chain cannot say,
     * it is asked again later.
     */
    private Settlement giveUp(TheatreAdapter theatre, Booking booking, TheatreException failure) {
        BookingLookup found;
        try {
            found = theatre.findBooking(booking.id());
        } catch (TheatreException e) {
            return new Settlement.RetryLater(CHAIN_RETRY, "chain " + booking.chainId() + " cannot say whether it booked "
                    + booking.id() + ": " + e.getMessage());
        }
        return switch (found) {
            case BookingLookup.Booked booked -> {
                LOG.log(System.Logger.Level.INFO, "Chain {0} had booked {1} as {2} although its confirmation failed",
                        booking.chainId(), booking.id(), booked.bookingRef());
                yield complete(booking, booked.bookingRef(), booked.tickets());
            }
            case BookingLookup.Cancelled cancelled -> refund(booking, "the cinema cancelled the seats before they were confirmed");
            case BookingLookup.NotFound notFound -> {
                LOG.log(System.Logger.Level.WARNING, "Chain {0} could not confirm booking {1} for {2} and holds no booking "
                        + "for it; refunding once its lock is let go: {3}", booking.chainId(), booking.id(),
                        rules.confirmGiveUpAfter(), failure.getMessage());
                yield refundOnceLockIsGone(theatre, booking, "the cinema could not be reached to confirm the seats");
            }
            case BookingLookup.Unsupported unsupported -> {
                // An adapter older than SPI 4 cannot be asked: the refund follows the give-up time, as before.
                LOG.log(System.Logger.Level.WARNING, "Chain {0} could not confirm booking {1} for {2} and cannot be asked "
                        + "about it; refunding once its lock is let go: {3}", booking.chainId(), booking.id(),
                        rules.confirmGiveUpAfter(), failure.getMessage());
                yield refundOnceLockIsGone(theatre, booking, "the cinema could not be reached to confirm the seats");
            }
        };
    }

    /**
     * The chain holds no booking for it, but a confirmation sent earlier may still be on its way (a slow call the
     * gateway stopped waiting for) and could book the lock after the lookup. So the lock is released first: once the
     * chain says it let the lock go, no confirmation can book it any more and the payment is given back; if the chain
     * says the lock became a booking meanwhile, that booking is completed instead.
     */
    private Settlement refundOnceLockIsGone(TheatreAdapter theatre, Booking booking, String reason) {
        // The lock recorded now: the seats may have been locked again since this booking was read.
        String lockRef = bookings.find(booking.id()).map(stored -> stored.booking().lockRef()).orElse(booking.lockRef());
        try {
            return switch (theatre.release(lockRef)) {
                case ReleaseOutcome.Released gone -> refund(booking, reason);
                case ReleaseOutcome.AlreadyConfirmed booked -> {
                    LOG.log(System.Logger.Level.INFO, "Lock {0} of booking {1} became a booking at chain {2} after the lookup",
                            lockRef, booking.id(), booking.chainId());
                    yield settleFromChain(booking.id()).orElseGet(() -> new Settlement.RetryLater(CHAIN_RETRY, "chain "
                            + booking.chainId() + " says lock " + lockRef + " is a booking but finds none for " + booking.id()));
                }
            };
        } catch (TheatreException e) {
            return new Settlement.RetryLater(CHAIN_RETRY, "chain " + booking.chainId() + " cannot let go of lock " + lockRef
                    + " of booking " + booking.id() + " or say what became of it: " + e.getMessage());
        }
    }

    /**
     * A booking matched by its reference may have no payment recorded (the provider opened it, but its answer to the
     * checkout was lost). The payment is recorded before anything else, so that a refund knows what to give back.
     */
    private Booking withPaymentRecorded(Booking booking, String paymentId) {
        if (booking.paymentId() != null) {
            return booking;
        }
        if (bookings.paymentMatched(booking.id(), paymentId)) {
            LOG.log(System.Logger.Level.INFO, "Payment {0} matched booking {1} by its reference; recorded", paymentId, booking.id());
        }
        return bookings.find(booking.id()).map(BookingStore.StoredBooking::booking).orElse(booking);
    }

    /** Seats are delivered only for exactly their price; a payment of anything else is given back. */
    static Optional<String> amountMismatch(Booking booking, PaymentReceived paid) {
        Money price = booking.amount();
        boolean same;
        try {
            same = paid.amount() != null && paid.currency() != null && price.currency().equals(paid.currency())
                    && new BigDecimal(paid.amount()).compareTo(price.amount()) == 0;
        } catch (NumberFormatException e) {
            same = false;
        }
        return same ? Optional.empty() : Optional.of("the payment of " + paid.amount() + " " + paid.currency()
                + " does not match the booking's price of " + price.amount().toPlainString() + " " + price.currency());
    }

    private Settlement confirm(TheatreAdapter theatre, Booking booking, String lockRef) {
        ConfirmOutcome outcome = theatre.confirm(new ConfirmRequest(lockRef, booking.id()));
        return switch (outcome) {
            case ConfirmOutcome.Confirmed confirmed -> complete(booking, confirmed.bookingRef(), confirmed.tickets());
            case ConfirmOutcome.AlreadyConfirmed again -> complete(booking, again.bookingRef(), again.tickets());
            case ConfirmOutcome.LockExpired expired -> lockAgain(theatre, booking, lockRef);
        };
    }

    /** The payment came after the lock ended: try to lock the same seats again, else refund. */
    private Settlement lockAgain(TheatreAdapter theatre, Booking booking, String expiredLockRef) {
        String relockRef = booking.id() + "-relock";
        Optional<String> holdLock = holds.find(booking.holdId()).map(stored -> stored.hold().lockRef());
        if (!holdLock.map(expiredLockRef::equals).orElse(false)) {
            // Locked once more already and that lock ended too: do not chase the seats for ever.
            return refund(booking, "the seats could not be locked again in time after the payment");
        }
        Optional<BookableShow> show = shows.show(booking.showId());
        if (show.isEmpty() || !show.get().isOnSale(clock.instant())) {
            return refund(booking, "the show is no longer on sale");
        }
        LockOutcome outcome = theatre.lockSeats(new SeatLockRequest(show.get().ref(), booking.seatIds(), rules.relockTtl(),
                relockRef));
        return switch (outcome) {
            case LockOutcome.Locked locked -> {
                LOG.log(System.Logger.Level.INFO, "Payment of booking {0} came after its hold; seats locked again as {1}",
                        booking.id(), locked.lockRef());
                bookings.lockRenewed(booking.id(), locked.lockRef());
                watch.seatsChanged(booking.showId());
                yield confirm(theatre, booking, locked.lockRef());
            }
            case LockOutcome.SeatsTaken taken -> refund(booking, "the hold expired before payment and seats "
                    + String.join(", ", taken.seatRefs()) + " were taken meanwhile");
            case LockOutcome.Refused refused -> refund(booking, "the hold expired before payment and the cinema refused "
                    + "to lock the seats again: " + refused.reason());
        };
    }

    private Settlement complete(Booking booking, String chainBookingRef, List<TheatreTicket> chainTickets) {
        Instant now = clock.instant();
        boolean changed = transactions.atomically(() -> {
            Optional<Booking> current = bookings.lock(booking.id());
            if (current.isEmpty() || !current.get().status().awaitsSeats()) {
                return false;
            }
            List<Ticket> issued = tickets.issue(current.get(), chainTickets);
            bookings.confirmed(booking.id(), chainBookingRef, now);
            holds.booked(booking.holdId(), now);
            bookings.addTickets(issued, now);
            outbox.confirmed(bookings.lock(booking.id()).orElseThrow(), issued);
            return true;
        });
        if (changed) {
            watch.seatsChanged(booking.showId());
            LOG.log(System.Logger.Level.INFO, "Booking {0} confirmed at chain {1} as {2} ({3} tickets)", booking.id(),
                    booking.chainId(), chainBookingRef, booking.seats().size());
        }
        return Settlement.done();
    }

    private Settlement refund(Booking booking, String reason) {
        return returns.refund(booking, reason);
    }

    /** A payment was declined: the booking waits for another try while its hold lasts, else it has failed. */
    public Settlement declined(String paymentId, String reference, String declineReason) {
        Optional<Booking> found = bookingOf(paymentId, reference);
        if (found.isEmpty()) {
            return new Settlement.Rejected("no booking for payment " + paymentId);
        }
        Booking booking = found.get();
        if (booking.status() != BookingStatus.PENDING_PAYMENT) {
            // Out of order or late: a payment that succeeded, or a booking that ended, is not undone by a decline.
            return Settlement.done();
        }
        String reason = "payment declined" + (declineReason == null ? "" : ": " + declineReason);
        Instant now = clock.instant();
        transactions.atomically(() -> {
            boolean holdActive = holds.isHeld(booking.holdId(), now);
            return bookings.transition(booking.id(), EnumSet.of(BookingStatus.PENDING_PAYMENT),
                    holdActive ? BookingStatus.PENDING_PAYMENT : BookingStatus.FAILED, reason, now);
        });
        return Settlement.done();
    }
}
