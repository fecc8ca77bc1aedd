package dev.marquee.gateway.booking;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.payment.PaymentProvider;
import dev.marquee.gateway.payment.PaymentProviderException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a hold into a booking waiting for payment: one booking per hold, so repeating the call answers
 * the same booking; the payment is opened at the provider with the booking id as its reference, so
 * repeating that is safe too.
 */
@Singleton
public class CheckoutService {
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);

    private final HoldRepository holds;
    private final BookingRepository bookings;
    private final CatalogHolder catalogs;
    private final PaymentProvider payments;
    private final Clock clock;

    public CheckoutService(HoldRepository holds, BookingRepository bookings, CatalogHolder catalogs, PaymentProvider payments,
            Clock clock) {
        this.holds = holds;
        this.bookings = bookings;
        this.catalogs = catalogs;
        this.payments = payments;
        this.clock = clock;
    }

    public CheckoutOutcome checkout(String holdId, String token) {
        Optional<HoldRepository.StoredHold> stored = holds.find(holdId).filter(h -> HoldTokens.matches(token, h.tokenHash()));
        if (stored.isEmpty()) {
            return new CheckoutOutcome.NoHold();
        }
        Hold hold = stored.get().hold();
        Optional<Booking> existing = bookings.findByHold(holdId).map(BookingRepository.StoredBooking::booking);
        if (existing.isPresent()) {
            return openPayment(existing.get(), false);
        }
        Instant now = clock.instant();
        if (!hold.isActiveAt(now)) {
            return new CheckoutOutcome.HoldEnded(hold.status() == HoldStatus.HELD ? HoldStatus.EXPIRED : hold.status());
        }
        Booking draft = new Booking("bkg_" + UUID.randomUUID().toString().replace("-", ""), hold.id(), hold.showId(),
                hold.chainId(), hold.email(), hold.seats(), BookingStatus.PENDING_PAYMENT, null, hold.total(), null, null,
                hold.lockRef(), null, null, factsOf(hold), now, now);
        boolean created = bookings.insert(draft, stored.get().tokenHash());
        Booking booking = created ? draft : bookings.findByHold(holdId).orElseThrow().booking();
        if (created) {
            LOG.debug("Hold {} checked out as booking {}", holdId, booking.id());
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
            LOG.warn("Could not open the payment of booking {}: {}", booking.id(), e.getMessage());
            return new CheckoutOutcome.ProviderUnavailable(booking, e.getMessage());
        }
    }

    private Booking.ShowFacts factsOf(Hold hold) {
        Catalog catalog = catalogs.current();
        Show show = catalog.show(hold.showId()).orElseThrow(() -> new IllegalStateException("show " + hold.showId()
                + " of hold " + hold.id() + " is not in the catalogue"));
        String title = catalog.movie(show.movieId()).map(m -> m.title()).orElse(show.movieId());
        String cinemaName = catalog.cinema(show.cinemaId()).map(c -> c.name()).orElse(show.cinemaId());
        String hallName = catalog.hall(show.hallId()).map(h -> h.name()).orElse(show.hallId());
        return new Booking.ShowFacts(title, show.cinemaId(), cinemaName, hallName, show.startsAt(), show.endsAt());
    }

    private static String describe(Booking booking) {
        return booking.seats().size() + (booking.seats().size() == 1 ? " seat" : " seats") + " for " + booking.show().movieTitle()
                + " at " + booking.show().cinemaName() + ", " + booking.show().startsAt();
    }
}
