package dev.marquee.booking.bookings;

import dev.marquee.booking.chains.Chains;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.shows.SeatWatch;
import dev.marquee.booking.shows.SeatsFreed;
import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.spi.CancelOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Reads and cancels bookings for their holders, and closes those never paid. */
public class Bookings {
    private static final System.Logger LOG = System.getLogger(Bookings.class.getName());

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
     * Cancels a confirmed booking at the chain, then, in one transaction, voids its tickets and queues the
     * refund and the email; the freed seats go to the show's waitlist.
     *
     * @throws dev.marquee.spi.TheatreException when the chain fails; nothing is changed then
     */
    public Cancellation cancel(String bookingId, String token) {
        Optional<Booking> found = find(bookingId, token);
        if (found.isEmpty()) {
            return new Cancellation.NoBooking();
        }
        Booking booking = found.get();
        if (booking.status() == BookingStatus.CANCELLED) {
            return new Cancellation.Cancelled(booking);
        }
        if (booking.status() != BookingStatus.CONFIRMED) {
            return new Cancellation.NotCancellable("a booking that is " + booking.status() + " cannot be cancelled");
        }
        Instant now = clock.instant();
        Instant deadline = booking.show().startsAt().minus(rules.cancelUntil());
        if (!now.isBefore(deadline)) {
            return new Cancellation.NotCancellable("bookings can be cancelled until " + rules.cancelUntil().toMinutes()
                    + " minutes before the show, that is until " + deadline);
        }
        Optional<Ticket> used = bookings.tickets(booking.id()).stream().filter(t -> t.status() == TicketStatus.USED).findFirst();
        if (used.isPresent()) {
            // Someone is in the hall on it: the booking was delivered and is no longer the customer's to take back.
            return new Cancellation.NotCancellable("ticket " + used.get().id() + " (seat " + used.get().seatLabel()
                    + ") was already used at the door");
        }
        switch (chains.require(booking.chainId()).cancelBooking(booking.chainBookingRef())) {
            case CancelOutcome.NotCancellable refused -> {
                return new Cancellation.NotCancellable("the cinema will not cancel it: " + refused.reason());
            }
            case CancelOutcome.Cancelled cancelled -> {
                // cancelled at the chain: record it below
            }
        }
        String reason = "cancelled by the customer";
        boolean changed = transactions.atomically(() -> {
            if (!bookings.transition(booking.id(), EnumSet.of(BookingStatus.CONFIRMED), BookingStatus.CANCELLED, reason, now)) {
                return false;
            }
            bookings.voidTickets(booking.id());
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
        return new Cancellation.Cancelled(bookings.find(booking.id()).orElseThrow().booking());
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
