package dev.marquee.gateway.booking;

import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.payment.PaymentEvent;
import dev.marquee.gateway.seating.SeatMapService;
import dev.marquee.gateway.ticketing.TicketClaims;
import dev.marquee.gateway.ticketing.TicketSigner;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.Money;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreTicket;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on the payment provider's events. A paid booking is confirmed at its chain and gets its tickets;
 * if its hold expired meanwhile, the seats are locked again; if that fails, or the chain stays down too
 * long, the payment is refunded. A payment is never kept for seats not delivered.
 *
 * <p>Every step can be repeated: the chain confirms by the booking's reference, the status changes are
 * conditional, so a message delivered twice changes nothing the second time.
 */
@Singleton
public class BookingConfirmation implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BookingConfirmation.class);
    private static final Duration CHAIN_RETRY = Duration.ofSeconds(15);

    private final BookingRepository bookings;
    private final HoldRepository holds;
    private final HoldService holdService;
    private final BookingMessages messages;
    private final ChainRegistry chains;
    private final CatalogHolder catalogs;
    private final SeatMapService seatMaps;
    private final TicketSigner signer;
    private final BookingSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    public BookingConfirmation(BookingRepository bookings, HoldRepository holds, HoldService holdService, BookingMessages messages, ChainRegistry chains, CatalogHolder catalogs,
            SeatMapService seatMaps, TicketSigner signer, BookingSettings settings, JsonMapper json, Clock clock) {
        this.bookings = bookings;
        this.holds = holds;
        this.holdService = holdService;
        this.messages = messages;
        this.chains = chains;
        this.catalogs = catalogs;
        this.seatMaps = seatMaps;
        this.signer = signer;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String queue() {
        return "booking-payments";
    }

    @Override
    public List<String> routingKeys() {
        return List.of(PaymentEvent.PAYMENT_SUCCEEDED, PaymentEvent.PAYMENT_FAILED, PaymentEvent.REFUND_SUCCEEDED);
    }

    @Override
    public Handling handle(Delivery delivery) {
        PaymentEvent event;
        try {
            event = json.readValue(delivery.payload(), PaymentEvent.class);
        } catch (IOException | RuntimeException e) {
            return new Handling.Rejected("not a payment event: " + e.getMessage());
        }
        Optional<Booking> found = bookingOf(event);
        if (found.isEmpty()) {
            return new Handling.Rejected("no booking for payment " + event.data().paymentId());
        }
        Booking booking = found.get();
        return switch (event.type()) {
            case PaymentEvent.PAYMENT_SUCCEEDED -> paid(booking, event);
            case PaymentEvent.PAYMENT_FAILED -> declined(booking, event);
            case PaymentEvent.REFUND_SUCCEEDED -> {
                LOG.info("Refund {} of booking {} went through", event.data().refundId(), booking.id());
                yield Handling.done();
            }
            default -> new Handling.Rejected("unknown payment event type " + event.type());
        };
    }

    private Optional<Booking> bookingOf(PaymentEvent event) {
        Optional<BookingRepository.StoredBooking> byPayment = bookings.findByPayment(event.data().paymentId());
        if (byPayment.isEmpty() && event.data().reference() != null) {
            byPayment = bookings.find(event.data().reference());
        }
        return byPayment.map(BookingRepository.StoredBooking::booking);
    }

    private Handling paid(Booking booking, PaymentEvent event) {
        if (!booking.status().awaitsPayment()) {
            LOG.debug("Booking {} is {} already; payment event {} changes nothing", booking.id(), booking.status(), event.id());
            return Handling.done();
        }
        Optional<String> wrongAmount = amountMismatch(booking, event.data());
        if (wrongAmount.isPresent()) {
            return refund(booking, wrongAmount.get());
        }
        Instant paidAt = event.createdAt() == null ? clock.instant() : event.createdAt();
        Optional<Chain> chain = chains.chain(booking.chainId());
        if (chain.isEmpty()) {
            return refund(booking, "the cinema chain is no longer served");
        }
        try {
            return confirm(chain.get(), booking, booking.lockRef());
        } catch (TheatreException e) {
            if (clock.instant().isAfter(paidAt.plus(settings.confirmGiveUpAfter()))) {
                LOG.warn("Chain {} could not confirm booking {} for {}; refunding: {}", booking.chainId(), booking.id(),
                        settings.confirmGiveUpAfter(), e.getMessage());
                return refund(booking, "the cinema could not be reached to confirm the seats");
            }
            return new Handling.RetryLater(CHAIN_RETRY, "chain " + booking.chainId() + " failed: " + e.getMessage());
        }
    }

    /** Seats are delivered only for exactly their price; a payment of anything else is given back. */
    static Optional<String> amountMismatch(Booking booking, PaymentEvent.Data paid) {
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

    private Handling confirm(Chain chain, Booking booking, String lockRef) {
        ConfirmOutcome outcome = chain.theatre().confirm(new ConfirmRequest(lockRef, booking.id()));
        return switch (outcome) {
            case ConfirmOutcome.Confirmed confirmed -> complete(booking, confirmed.bookingRef(), confirmed.tickets());
            case ConfirmOutcome.AlreadyConfirmed again -> complete(booking, again.bookingRef(), again.tickets());
            case ConfirmOutcome.LockExpired expired -> lockAgain(chain, booking, lockRef);
        };
    }

    /** The payment came after the lock ended: try to lock the same seats again, else refund. */
    private Handling lockAgain(Chain chain, Booking booking, String expiredLockRef) {
        String relockRef = booking.id() + "-relock";
        if (!expiredLockRef.equals(holds.lockRefOf(booking.holdId()))) {
            // Locked once more already and that lock ended too: do not chase the seats for ever.
            return refund(booking, "the seats could not be locked again in time after the payment");
        }
        Optional<Show> show = catalogs.current().show(booking.showId());
        if (show.isEmpty() || !show.get().isOnSale(clock.instant())) {
            return refund(booking, "the show is no longer on sale");
        }
        LockOutcome outcome = chain.theatre().lockSeats(new SeatLockRequest(show.get().ref(), booking.seatIds(),
                settings.relockTtl(), relockRef));
        return switch (outcome) {
            case LockOutcome.Locked locked -> {
                LOG.info("Payment of booking {} came after its hold; seats locked again as {}", booking.id(), locked.lockRef());
                bookings.inTransaction(c -> {
                    bookings.lockRenewed(c, booking.id(), locked.lockRef());
                    return null;
                });
                seatMaps.forget(booking.showId());
                yield confirm(chain, booking, locked.lockRef());
            }
            case LockOutcome.SeatsTaken taken -> refund(booking, "the hold expired before payment and seats "
                    + String.join(", ", taken.seatRefs()) + " were taken meanwhile");
            case LockOutcome.Refused refused -> refund(booking, "the hold expired before payment and the cinema refused "
                    + "to lock the seats again: " + refused.reason());
        };
    }

    private Handling complete(Booking booking, String chainBookingRef, List<TheatreTicket> chainTickets) {
        Instant now = clock.instant();
        boolean changed = bookings.inTransaction(c -> {
            Optional<Booking> current = bookings.lock(c, booking.id());
            if (current.isEmpty() || !current.get().status().awaitsPayment()) {
                return false;
            }
            List<Ticket> tickets = ticketsFor(booking, chainTickets);
            bookings.confirmed(c, booking.id(), chainBookingRef, now);
            bookings.holdBooked(c, booking.holdId(), now);
            bookings.insertTickets(c, tickets, now);
            messages.confirmed(c, booking, tickets);
            return true;
        });
        if (changed) {
            seatMaps.forget(booking.showId());
            LOG.info("Booking {} confirmed at chain {} as {} ({} tickets)", booking.id(), booking.chainId(), chainBookingRef,
                    booking.seats().size());
        }
        return Handling.done();
    }

    private List<Ticket> ticketsFor(Booking booking, List<TheatreTicket> chainTickets) {
        Map<String, String> chainRefs = chainTickets.stream()
                .collect(Collectors.toMap(TheatreTicket::seatRef, TheatreTicket::ticketRef, (a, b) -> a));
        List<Ticket> tickets = new ArrayList<>();
        for (HeldSeat seat : booking.seats()) {
            String ticketId = "tkt_" + UUID.randomUUID().toString().replace("-", "");
            String label = seat.row() + seat.number();
            String payload = signer.sign(new TicketClaims(ticketId, booking.id(), booking.showId(), booking.show().cinemaId(),
                    seat.seatId(), label, booking.show().startsAt(), booking.show().endsAt()));
            tickets.add(new Ticket(ticketId, booking.id(), seat.seatId(), label, chainRefs.get(seat.seatId()), payload, "VALID", null));
        }
        return tickets;
    }

    private Handling refund(Booking booking, String reason) {
        boolean changed = bookings.inTransaction(c -> {
            if (!bookings.transition(c, booking.id(), EnumSet.of(BookingStatus.PENDING_PAYMENT, BookingStatus.EXPIRED,
                    BookingStatus.FAILED), BookingStatus.REFUNDED, reason, clock.instant())) {
                return false;
            }
            Booking refunded = bookings.lock(c, booking.id()).orElseThrow();
            messages.refundRequested(c, refunded, reason);
            messages.refunded(c, refunded, reason);
            return true;
        });
        if (changed) {
            LOG.info("Booking {} is refunded: {}", booking.id(), reason);
            holdService.releaseUndelivered(booking.holdId());
        }
        return Handling.done();
    }

    private Handling declined(Booking booking, PaymentEvent event) {
        if (booking.status() != BookingStatus.PENDING_PAYMENT) {
            // Out of order or late: a payment that succeeded, or a booking that ended, is not undone by a decline.
            return Handling.done();
        }
        String reason = "payment declined" + (event.data().reason() == null ? "" : ": " + event.data().reason());
        Instant now = clock.instant();
        bookings.inTransaction(c -> {
            boolean holdActive = HoldRepository.isHeld(c, booking.holdId(), now);
            return bookings.transition(c, booking.id(), EnumSet.of(BookingStatus.PENDING_PAYMENT),
                    holdActive ? BookingStatus.PENDING_PAYMENT : BookingStatus.FAILED, reason, now);
        });
        return Handling.done();
    }

}
