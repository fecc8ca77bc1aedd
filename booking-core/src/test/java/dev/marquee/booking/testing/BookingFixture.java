package dev.marquee.booking.testing;

import dev.marquee.booking.bookings.Booking;
import dev.marquee.booking.bookings.BookingRules;
import dev.marquee.booking.bookings.Bookings;
import dev.marquee.booking.bookings.Checkout;
import dev.marquee.booking.bookings.CheckoutOutcome;
import dev.marquee.booking.bookings.Confirmations;
import dev.marquee.booking.bookings.PaymentReturns;
import dev.marquee.booking.bookings.TicketIssue;
import dev.marquee.booking.bookings.Refunds;
import dev.marquee.booking.bookings.Settlement;
import dev.marquee.booking.chains.Chains;
import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldOutcome;
import dev.marquee.booking.holds.HoldRequest;
import dev.marquee.booking.holds.HoldRules;
import dev.marquee.booking.holds.Holds;
import dev.marquee.booking.payments.PaymentReceived;
import dev.marquee.booking.shows.BookableShow;
import dev.marquee.booking.waitlist.Waitlist;
import java.util.List;

/**
 * The booking rules wired to the in-memory fakes, with one show ({@code show-1}, see {@link ShowBuilder}) on sale
 * at one chain. Fields are public: a test reads and scripts the fakes directly. Freed seats reach the waitlist
 * as in the gateway, served on the caller's thread.
 */
public final class BookingFixture {
    public static final String EMAIL = "ada@example.com";

    public final TestClock clock = new TestClock();
    public final SequentialSecrets secrets = new SequentialSecrets();
    public final InMemoryTransactions transactions = new InMemoryTransactions();
    public final InMemoryHoldStore holdStore = new InMemoryHoldStore();
    public final InMemoryBookingStore bookingStore = new InMemoryBookingStore();
    public final InMemoryWaitlistStore waitlistStore = new InMemoryWaitlistStore();
    public final RecordingOutbox outbox = new RecordingOutbox();
    public final RecordingSeatWatch watch = new RecordingSeatWatch();
    public final FakeTicketSigning signing = new FakeTicketSigning();
    public final FakePaymentProvider payments = new FakePaymentProvider();
    public final InMemoryShows shows = new InMemoryShows();
    public final ScriptedTheatre theatre = new ScriptedTheatre("chain-1", clock);
    public final Chains chains = theatre.asChains();
    public final HoldRules holdRules;
    public final BookingRules bookingRules;
    public final Holds holds;
    public final Checkout checkout;
    public final Confirmations confirmations;
    public final Bookings bookings;
    public final Refunds refunds;
    public final Waitlist waitlist;
    public final BookableShow show;

    public BookingFixture() {
        this(HoldRules.defaults(), BookingRules.defaults());
    }

    public BookingFixture(HoldRules holdRules, BookingRules bookingRules) {
        this.holdRules = holdRules;
        this.bookingRules = bookingRules;
        holds = new Holds(shows, chains, holdStore, holdRules, watch, secrets, transactions, clock);
        checkout = new Checkout(holdStore, bookingStore, shows, payments, secrets, clock);
        confirmations = new Confirmations(bookingStore, holdStore, outbox, transactions, chains, shows, watch,
                new TicketIssue(signing, secrets), new PaymentReturns(bookingStore, outbox, transactions, holds, clock),
                bookingRules, clock);
        bookings = new Bookings(bookingStore, holdStore, outbox, transactions, chains, watch, bookingRules, clock);
        refunds = new Refunds(payments, bookingStore);
        waitlist = new Waitlist(waitlistStore, holds, shows, chains, secrets, Runnable::run, clock);
        watch.passFreedSeatsTo(waitlist::seatsFreed);
        show = addShow(ShowBuilder.aShow(clock));
    }

    /** Puts the show in the catalogue and its hall at the chain. */
    public BookableShow addShow(ShowBuilder show) {
        BookableShow built = shows.put(show.build());
        theatre.addShow(built.ref(), built.seats());
        return built;
    }

    /** {@link #EMAIL} asks for these seats of {@code show-1}. */
    public HoldRequest request(String... seatIds) {
        return new HoldRequest(show.id(), List.of(seatIds), EMAIL);
    }

    public HoldOutcome place(HoldRequest request) {
        return holds.place(holds.newHoldId(), request);
    }

    /** A hold of these seats of {@code show-1}, which must succeed. */
    public HoldOutcome.Placed placeHold(String... seatIds) {
        return (HoldOutcome.Placed) place(request(seatIds));
    }

    /** A hold of these seats checked out, its payment opened. */
    public CheckedOut checkedOut(String... seatIds) {
        HoldOutcome.Placed placed = placeHold(seatIds);
        CheckoutOutcome.Checkout done = (CheckoutOutcome.Checkout) checkout.checkout(placed.hold().id(), placed.token());
        return new CheckedOut(done.booking(), placed.hold(), placed.token());
    }

    /** A booking of these seats paid and confirmed. */
    public CheckedOut confirmed(String... seatIds) {
        CheckedOut checkedOut = checkedOut(seatIds);
        Settlement settled = confirmations.paid(paymentOf(checkedOut.booking()));
        if (!(settled instanceof Settlement.Done)) {
            throw new IllegalStateException("not confirmed: " + settled);
        }
        return new CheckedOut(booking(checkedOut.booking().id()), checkedOut.hold(), checkedOut.token());
    }

    /** The provider says the booking's price was paid, now. */
    public PaymentReceived paymentOf(Booking booking) {
        return new PaymentReceived(booking.paymentId(), booking.id(), booking.amount().amount().toPlainString(),
                booking.amount().currency(), clock.instant());
    }

    /** The booking as stored now. */
    public Booking booking(String bookingId) {
        return bookingStore.find(bookingId).orElseThrow().booking();
    }

    /** The hold as stored now. */
    public Hold hold(String holdId) {
        return holdStore.find(holdId).orElseThrow().hold();
    }

    /**
     * A checked-out hold.
     *
     * @param booking its booking as it was when made
     * @param hold the hold as placed
     * @param token the token of both
     */
    public record CheckedOut(Booking booking, Hold hold, String token) {
    }
}
