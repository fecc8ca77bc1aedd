package dev.marquee.booking.bookings;

import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.payments.PaymentProvider;
import dev.marquee.booking.payments.PaymentProviderException;
import dev.marquee.booking.shows.BookableShow;
import dev.marquee.booking.shows.ShowFacts;
import dev.marquee.booking.shows.Shows;
import dev.marquee.booking.tokens.Secrets;
import dev.marquee.booking.tokens.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a hold into a booking waiting for payment: one booking per hold, so repeating the call answers
 * the same booking; the payment is opened at the provider with the booking id as its reference, so
 * repeating that is safe too. The hold's token is also its booking's.
 */
public class Checkout {
    private static final System.Logger LOG = System.getLogger(Checkout.class.getName());

    private final HoldStore holds;
    private final BookingStore bookings;
    private final Shows shows;
    private final PaymentProvider payments;
    private final Secrets secrets;
    private final Clock clock;

    public Checkout(HoldStore holds, BookingStore bookings, Shows shows, PaymentProvider payments, Secrets secrets, Clock clock) {
        this.holds = holds;
        this.bookings = bookings;
        this.shows = shows;
        this.payments = payments;
        this.secrets = secrets;
        this.clock = clock;
    }

    public CheckoutOutcome checkout(String holdId, String token) {
        return checkout(holdId, token, null);
    }

    /**
     * Checks a hold out as a booking recording its sales channel (the API client that asked); a repeat answers the
     * booking made first, with its channel.
     */
    public CheckoutOutcome checkout(String holdId, String token, String salesChannel) {
        Optional<HoldStore.StoredHold> stored = holds.find(holdId).filter(h -> Tokens.matches(token, h.tokenHash()));
        if (stored.isEmpty()) {
            return new CheckoutOutcome.NoHold();
        }
        Hold hold = stored.get().hold();
        Optional<Booking> existing = bookings.findByHold(holdId).map(BookingStore.StoredBooking::booking);
        if (existing.isPresent()) {
            return openPayment(existing.get(), false);
        }
        Instant now = clock.instant();
        if (!hold.isActiveAt(now)) {
            return new CheckoutOutcome.HoldEnded(hold.status() == HoldStatus.HELD ? HoldStatus.EXPIRED : hold.status());
        }
        Booking draft = new Booking(secrets.newId("bkg"), hold.id(), hold.showId(), hold.chainId(), hold.email(), hold.seats(),
                BookingStatus.PENDING_PAYMENT, null, hold.total(), null, null, hold.lockRef(), null, null, factsOf(hold), now, now,
                salesChannel);
        boolean created = bookings.insert(draft, stored.get().tokenHash());
        Booking booking = created ? draft : bookings.findByHold(holdId).orElseThrow().booking();
        if (created) {
            LOG.log(System.Logger.Level.DEBUG, "Hold {0} checked out as booking {1}", holdId, booking.id());
        }
        return openPayment(booking, created);
    }

    private CheckoutOutcome openPayment(Booking booking, boolean created) {
        if (booking.paymentUrl() != null) {
            return new CheckoutOutcome.Checkout(booking, created);
        }
        try {
            PaymentProvider.OpenPayment payment = payments.open(new PaymentProvider.PaymentOrder(booking.id(), booking.amount(),
                    describe(booking), booking.email()));
            bookings.paymentOpened(booking.id(), payment.paymentId(), payment.paymentUrl().toString());
            return new CheckoutOutcome.Checkout(bookings.find(booking.id()).orElseThrow().booking(), created);
        } catch (PaymentProviderException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not open the payment of booking {0}: {1}", booking.id(), e.getMessage());
            return new CheckoutOutcome.ProviderUnavailable(booking, e.getMessage());
        }
    }

    private ShowFacts factsOf(Hold hold) {
        return shows.show(hold.showId()).map(BookableShow::facts).orElseThrow(() -> new IllegalStateException("show "
                + hold.showId() + " of hold " + hold.id() + " is not in the catalogue"));
    }

    private static String describe(Booking booking) {
        return booking.seats().size() + (booking.seats().size() == 1 ? " seat" : " seats") + " for " + booking.show().movieTitle()
                + " at " + booking.show().cinemaName() + ", " + booking.show().startsAt();
    }
}
