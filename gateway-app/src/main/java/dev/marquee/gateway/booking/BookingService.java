package dev.marquee.gateway.booking;

import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.seating.SeatMapService;
import dev.marquee.spi.CancelOutcome.Cancelled;
import dev.marquee.spi.CancelOutcome.NotCancellable;
import dev.marquee.spi.TheatreUnavailableException;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and cancels bookings for their holders. */
@Singleton
public class BookingService {
    private static final Logger LOG = LoggerFactory.getLogger(BookingService.class);

    private final BookingRepository bookings;
    private final BookingMessages messages;
    private final ChainRegistry chains;
    private final SeatMapService seatMaps;
    private final ApplicationEventPublisher<SeatsFreed> freed;
    private final BookingSettings settings;
    private final Clock clock;

    public BookingService(BookingRepository bookings, BookingMessages messages, ChainRegistry chains, SeatMapService seatMaps,
            ApplicationEventPublisher<SeatsFreed> freed, BookingSettings settings, Clock clock) {
        this.bookings = bookings;
        this.messages = messages;
        this.chains = chains;
        this.seatMaps = seatMaps;
        this.freed = freed;
        this.settings = settings;
        this.clock = clock;
    }

    /** The booking, if it exists and the token is its own; anything else looks the same as no booking. */
    public Optional<Booking> find(String bookingId, String token) {
        return bookings.find(bookingId).filter(stored -> HoldTokens.matches(token, stored.tokenHash()))
                .map(BookingRepository.StoredBooking::booking);
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
    public CancelOutcome cancel(String bookingId, String token) {
        Optional<Booking> found = find(bookingId, token);
        if (found.isEmpty()) {
            return new CancelOutcome.NoBooking();
        }
        Booking booking = found.get();
        if (booking.status() == BookingStatus.CANCELLED) {
            return new CancelOutcome.Cancelled(booking);
        }
        if (booking.status() != BookingStatus.CONFIRMED) {
            return new CancelOutcome.NotCancellable("a booking that is " + booking.status() + " cannot be cancelled");
        }
        Instant now = clock.instant();
        Instant deadline = booking.show().startsAt().minus(settings.cancelUntil());
        if (!now.isBefore(deadline)) {
            return new CancelOutcome.NotCancellable("bookings can be cancelled until " + settings.cancelUntil().toMinutes()
                    + " minutes before the show, that is until " + deadline);
        }
        Optional<Ticket> used = bookings.tickets(booking.id()).stream().filter(t -> "USED".equals(t.status())).findFirst();
        if (used.isPresent()) {
            // Someone is in the hall on it: the booking was delivered and is no longer the customer's to take back.
            return new CancelOutcome.NotCancellable("ticket " + used.get().id() + " (seat " + used.get().seatLabel()
                    + ") was already used at the door");
        }
        Chain chain = chains.chain(booking.chainId())
                .orElseThrow(() -> new TheatreUnavailableException(booking.chainId(), "chain is not configured", null));
        switch (chain.theatre().cancelBooking(booking.chainBookingRef())) {
            case NotCancellable refused -> {
                return new CancelOutcome.NotCancellable("the cinema will not cancel it: " + refused.reason());
            }
            case Cancelled cancelled -> {
                // cancelled at the chain: record it below
            }
        }
        String reason = "cancelled by the customer";
        boolean changed = bookings.inTransaction(c -> {
            if (!bookings.transition(c, booking.id(), EnumSet.of(BookingStatus.CONFIRMED), BookingStatus.CANCELLED, reason, now)) {
                return false;
            }
            bookings.voidTickets(c, booking.id());
            messages.refundRequested(c, booking, reason);
            messages.cancelled(c, booking, reason);
            return true;
        });
        if (changed) {
            LOG.info("Booking {} cancelled; {} seats of show {} are free again", booking.id(), booking.seats().size(), booking.showId());
            seatMaps.forget(booking.showId());
            freed.publishEvent(new SeatsFreed(booking.showId(), booking.seatIds(), booking.holdId()));
        }
        return new CancelOutcome.Cancelled(bookings.find(booking.id()).orElseThrow().booking());
    }

    /** Marks bookings never paid within their window as expired; a payment arriving later is still refunded or honoured. */
    public int expireUnpaid() {
        Instant now = clock.instant();
        int expired = 0;
        for (String id : bookings.idsIn(BookingStatus.PENDING_PAYMENT, now.minus(settings.paymentWindow()), 200)) {
            Optional<Booking> booking = bookings.find(id).map(BookingRepository.StoredBooking::booking);
            if (booking.isEmpty()) {
                continue;
            }
            boolean changed = bookings.inTransaction(c -> !HoldRepository.isHeld(c, booking.get().holdId(), now)
                    && bookings.transition(c, id, EnumSet.of(BookingStatus.PENDING_PAYMENT), BookingStatus.EXPIRED,
                            "not paid in time", now));
            if (changed) {
                expired++;
            }
        }
        return expired;
    }

}
