package dev.marquee.booking.bookings;

import dev.marquee.booking.chains.Chains;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.shows.SeatWatch;
import dev.marquee.booking.shows.SeatsFreed;
import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.TheatreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Reads and cancels bookings for their holders, and closes those never paid. */
public class Bookings {
    private static final System.Logger LOG = System.getLogger(Bookings.class.getName());
    private static final Duration CHAIN_RETRY = Duration.ofSeconds(15);

    private final BookingStore bookings;
    private final HoldStore holds;
    private final BookingOutbox outbox;
    private final Transactions transactions;
    private final Chains chains;
    private final SeatWatch watch;
    private final BookingRules rules;
    private final Clock clock;

    public Bookings(BookingStore bookings, HoldStore holds, BookingOutbox outbox, Transactions transactions, Chains chains,
            SeatWatch watch, BookingRules rules, Clock clock) {
        this.bookings = bookings;
        this.holds = holds;
        this.outbox = outbox;
        this.transactions = transactions;
        this.chains = chains;
        this.watch = watch;
        this.rules = rules;
        this.clock = clock;
    }

    /** The booking, if it exists and the token is its own; anything else looks the same as no booking. */
    public Optional<Booking> find(String bookingId, String token) {
        return bookings.find(bookingId).filter(stored -> Tokens.matches(token, stored.tokenHash()))
                .map(BookingStore.StoredBooking::booking);
    }

    public List<Ticket> tickets(String bookingId) {
        return bookings.tickets(bookingId);
    }

    /**
     * Cancels a confirmed booking, in two steps that each survive a crash. First, in one transaction, the
     * booking becomes {@code CANCELLING}, its tickets void and a message asks for the chain to be told; a
     * ticket used at the door (checked in before, or at the same moment) refuses the cancellation and
     * changes nothing. Then the chain is told ({@link #completeCancellation}), here at once and, should that
     * fail, by the message's consumer until it succeeds.
     */
    public Cancellation cancel(String bookingId, String token) {
        Optional<Booking> found = find(bookingId, token);
        if (found.isEmpty()) {
            return new Cancellation.NoBooking();
        }
        Booking booking = found.get();
        switch (booking.status()) {
            case CANCELLED -> {
                return new Cancellation.Cancelled(booking);
            }
            case CANCELLING -> {
                return complete(booking.id());
            }
            case CONFIRMED -> {
                // cancellable, if in time and no ticket was used: below
            }
            default -> {
                return new Cancellation.NotCancellable("a booking that is " + booking.status() + " cannot be cancelled");
            }
        }
        Instant now = clock.instant();
        Instant deadline = booking.show().startsAt().minus(rules.cancelUntil());
        if (!now.isBefore(deadline)) {
            return new Cancellation.NotCancellable("bookings can be cancelled until " + rules.cancelUntil().toMinutes()
                    + " minutes before the show, that is until " + deadline);
        }
        Optional<Ticket> used = transactions.atomically(() -> requestCancellation(booking, now));
        if (used.isPresent()) {
            // Someone is in the hall on it: the booking was delivered and is no longer the customer's to take back.
            return new Cancellation.NotCancellable("ticket " + used.get().id() + " (seat " + used.get().seatLabel()
                    + ") was already used at the door");
        }
        return complete(booking.id());
    }

    /**
     * Records the customer's cancellation unless a ticket was used: the tickets are voided first, so a
     * check-in at the same moment either comes before (and is seen here) or finds its ticket void.
     *
     * @return the used ticket that refused it, or empty when it is recorded
     */
    private Optional<Ticket> requestCancellation(Booking booking, Instant now) {
        if (!bookings.transition(booking.id(), EnumSet.of(BookingStatus.CONFIRMED), BookingStatus.CANCELLING,
                "cancellation asked for by the customer", now)) {
            return Optional.empty();
        }
        bookings.voidTickets(booking.id());
        Optional<Ticket> used = bookings.tickets(booking.id()).stream().filter(t -> t.status() == TicketStatus.USED).findFirst();
        if (used.isPresent()) {
            bookings.restoreTickets(booking.id());
            bookings.transition(booking.id(), EnumSet.of(BookingStatus.CANCELLING), BookingStatus.CONFIRMED, null, now);
            return used;
        }
        outbox.cancellationRequested(booking);
        return Optional.empty();
    }

    private Cancellation complete(String bookingId) {
        Settlement settled = completeCancellation(bookingId);
        Booking now = bookings.find(bookingId).orElseThrow().booking();
        return switch (now.status()) {
            case CANCELLED -> new Cancellation.Cancelled(now);
            case CANCELLING -> new Cancellation.Pending(now);
            default -> new Cancellation.NotCancellable(settled instanceof Settlement.Rejected rejected ? rejected.reason()
                    : "the booking is " + now.status());
        };
    }

    /**
     * Tells the chain of a cancellation the customer asked for and finishes it: {@code CANCELLED} with the
     * refund and the email queued, or {@code CONFIRMED} again with valid tickets when the chain refuses. Safe
     * to repeat and to run on several instances at once: the chain cancels a booking once, and only one
     * caller wins each status change. A booking no longer {@code CANCELLING} is left as it is.
     *
     * @return {@link Settlement.RetryLater} while the chain cannot be reached, {@link Settlement.Rejected} with
     *     the chain's reason when it refused
     */
    public Settlement completeCancellation(String bookingId) {
        Optional<Booking> found = bookings.find(bookingId).map(BookingStore.StoredBooking::booking)
                .filter(b -> b.status() == BookingStatus.CANCELLING);
        if (found.isEmpty()) {
            return Settlement.done();
        }
        Booking booking = found.get();
        CancelOutcome outcome;
        try {
            outcome = chains.require(booking.chainId()).cancelBooking(booking.chainBookingRef());
        } catch (TheatreException e) {
            LOG.log(System.Logger.Level.WARNING, "Chain {0} could not cancel booking {1} yet: {2}", booking.chainId(),
                    booking.id(), e.getMessage());
            return new Settlement.RetryLater(CHAIN_RETRY, "chain " + booking.chainId() + " failed: " + e.getMessage());
        }
        Instant now = clock.instant();
        return switch (outcome) {
            case CancelOutcome.Cancelled cancelled -> {
                finishCancelled(booking, now);
                yield Settlement.done();
            }
            case CancelOutcome.NotCancellable refused -> {
                transactions.atomically(() -> {
                    if (bookings.transition(booking.id(), EnumSet.of(BookingStatus.CANCELLING), BookingStatus.CONFIRMED,
                            null, now)) {
                        bookings.restoreTickets(booking.id());
                    }
                    return null;
                });
                yield new Settlement.Rejected("the cinema will not cancel it: " + refused.reason());
            }
        };
    }

    private void finishCancelled(Booking booking, Instant now) {
        String reason = "cancelled by the customer";
        boolean changed = transactions.atomically(() -> {
            if (!bookings.transition(booking.id(), EnumSet.of(BookingStatus.CANCELLING), BookingStatus.CANCELLED, reason, now)) {
                return false;
            }
            outbox.refundRequested(booking, reason);
            outbox.cancelled(booking, reason);
            return true;
        });
        if (changed) {
            LOG.log(System.Logger.Level.INFO, "Booking {0} cancelled; {1} seats of show {2} are free again", booking.id(),
                    booking.seats().size(), booking.showId());
            watch.seatsChanged(booking.showId());
            // No hold ended here: the booking's hold was checked out long ago, and an offer made with it was taken.
            watch.seatsFreed(new SeatsFreed(booking.showId(), booking.seatIds(), null));
        }
    }

    /** Marks bookings never paid within their window as expired; a payment arriving later is still refunded or honoured. */
    public int expireUnpaid() {
        Instant now = clock.instant();
        int expired = 0;
        for (String id : bookings.idsIn(BookingStatus.PENDING_PAYMENT, now.minus(rules.paymentWindow()), 200)) {
            Optional<Booking> booking = bookings.find(id).map(BookingStore.StoredBooking::booking);
            if (booking.isEmpty()) {
                continue;
            }
            boolean changed = transactions.atomically(() -> !holds.isHeld(booking.get().holdId(), now)
                    && bookings.transition(id, EnumSet.of(BookingStatus.PENDING_PAYMENT), BookingStatus.EXPIRED,
                            "not paid in time", now));
            if (changed) {
                expired++;
            }
        }
        return expired;
    }
}
