package dev.marquee.booking.testing;

import dev.marquee.booking.bookings.Booking;
import dev.marquee.booking.bookings.BookingStatus;
import dev.marquee.booking.bookings.BookingStore;
import dev.marquee.booking.bookings.Ticket;
import dev.marquee.booking.bookings.TicketStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Bookings and tickets in memory. Every method is synchronized, so each conditional change has one winner;
 * {@link #lock} answers the current booking, and holding it for a whole transaction is left to
 * {@link InMemoryTransactions}.
 */
public class InMemoryBookingStore implements BookingStore {
    private final Map<String, StoredBooking> bookings = new LinkedHashMap<>();
    private final Map<String, Ticket> tickets = new LinkedHashMap<>();

    @Override
    public synchronized boolean insert(Booking booking, String tokenHash) {
        if (bookings.containsKey(booking.id()) || findByHold(booking.holdId()).isPresent()) {
            return false;
        }
        bookings.put(booking.id(), new StoredBooking(booking, tokenHash));
        return true;
    }

    @Override
    public synchronized Optional<StoredBooking> find(String bookingId) {
        return Optional.ofNullable(bookings.get(bookingId));
    }

    @Override
    public synchronized Optional<StoredBooking> findByHold(String holdId) {
        return bookings.values().stream().filter(s -> s.booking().holdId().equals(holdId)).findFirst();
    }

    @Override
    public synchronized Optional<StoredBooking> findByPayment(String paymentId) {
        return bookings.values().stream().filter(s -> paymentId.equals(s.booking().paymentId())).findFirst();
    }

    @Override
    public synchronized Optional<Booking> lock(String bookingId) {
        return find(bookingId).map(StoredBooking::booking);
    }

    @Override
    public synchronized List<String> idsIn(BookingStatus status, Instant before, int limit) {
        return bookings.values().stream().map(StoredBooking::booking)
                .filter(b -> b.status() == status && b.changedAt().isBefore(before))
                .sorted(Comparator.comparing(Booking::changedAt)).limit(limit).map(Booking::id).toList();
    }

    @Override
    public synchronized List<Changed> changedIn(BookingStatus status, Instant after, Instant before, int limit) {
        return bookings.values().stream().map(StoredBooking::booking)
                .filter(b -> b.status() == status && b.changedAt().isAfter(after) && b.changedAt().isBefore(before))
                .sorted(Comparator.comparing(Booking::changedAt)).limit(limit).map(b -> new Changed(b.id(), b.changedAt()))
                .toList();
    }

    @Override
    public synchronized void paymentOpened(String bookingId, String paymentId, String paymentUrl) {
        change(bookingId, b -> copy(b, b.status(), b.statusReason(), paymentId, paymentUrl, b.lockRef(), b.chainBookingRef(),
                b.refundId(), b.changedAt()));
    }

    @Override
    public synchronized boolean paymentMatched(String bookingId, String paymentId) {
        StoredBooking stored = bookings.get(bookingId);
        if (stored == null || stored.booking().paymentId() != null) {
            return false;
        }
        change(bookingId, b -> copy(b, b.status(), b.statusReason(), paymentId, b.paymentUrl(), b.lockRef(), b.chainBookingRef(),
                b.refundId(), b.changedAt()));
        return true;
    }

    @Override
    public synchronized void refundRecorded(String bookingId, String refundId) {
        change(bookingId, b -> copy(b, b.status(), b.statusReason(), b.paymentId(), b.paymentUrl(), b.lockRef(),
                b.chainBookingRef(), refundId, b.changedAt()));
    }

    @Override
    public synchronized void lockRenewed(String bookingId, String lockRef) {
        change(bookingId, b -> copy(b, b.status(), b.statusReason(), b.paymentId(), b.paymentUrl(), lockRef,
                b.chainBookingRef(), b.refundId(), b.changedAt()));
    }

    @Override
    public synchronized boolean transition(String bookingId, Collection<BookingStatus> from, BookingStatus to, String reason,
            Instant now) {
        StoredBooking stored = bookings.get(bookingId);
        if (stored == null || !from.contains(stored.booking().status())) {
            return false;
        }
        change(bookingId, b -> copy(b, to, reason, b.paymentId(), b.paymentUrl(), b.lockRef(), b.chainBookingRef(), b.refundId(),
                now));
        return true;
    }

    @Override
    public synchronized void confirmed(String bookingId, String chainBookingRef, Instant now) {
        change(bookingId, b -> copy(b, BookingStatus.CONFIRMED, null, b.paymentId(), b.paymentUrl(), b.lockRef(), chainBookingRef,
                b.refundId(), now));
    }

    @Override
    public synchronized void addTickets(List<Ticket> newTickets, Instant issuedAt) {
        newTickets.forEach(t -> tickets.put(t.id(), t));
    }

    @Override
    public synchronized void voidTickets(String bookingId) {
        tickets.replaceAll((id, t) -> t.bookingId().equals(bookingId) && t.status() == TicketStatus.VALID
                ? withStatus(t, TicketStatus.VOID, null) : t);
    }

    @Override
    public synchronized void restoreTickets(String bookingId) {
        tickets.replaceAll((id, t) -> t.bookingId().equals(bookingId) && t.status() == TicketStatus.VOID
                ? withStatus(t, TicketStatus.VALID, null) : t);
    }

    @Override
    public synchronized List<Ticket> tickets(String bookingId) {
        return tickets.values().stream().filter(t -> t.bookingId().equals(bookingId)).sorted(Comparator.comparing(Ticket::seatId))
                .toList();
    }

    /** A ticket is used at the door, as the gateway's check-in does. */
    public synchronized void checkIn(String ticketId, Instant at) {
        Ticket ticket = tickets.get(ticketId);
        if (ticket == null) {
            throw new IllegalArgumentException("no ticket " + ticketId);
        }
        tickets.put(ticketId, withStatus(ticket, TicketStatus.USED, at));
    }

    private void change(String bookingId, UnaryOperator<Booking> change) {
        StoredBooking stored = bookings.get(bookingId);
        if (stored != null) {
            bookings.put(bookingId, new StoredBooking(change.apply(stored.booking()), stored.tokenHash()));
        }
    }

    private static Booking copy(Booking b, BookingStatus status, String reason, String paymentId, String paymentUrl, String lockRef,
            String chainBookingRef, String refundId, Instant changedAt) {
        return new Booking(b.id(), b.holdId(), b.showId(), b.chainId(), b.email(), b.seats(), status, reason, b.amount(), paymentId,
                paymentUrl, lockRef, chainBookingRef, refundId, b.show(), b.createdAt(), changedAt, b.salesChannel());
    }

    private static Ticket withStatus(Ticket t, TicketStatus status, Instant checkedInAt) {
        return new Ticket(t.id(), t.bookingId(), t.seatId(), t.seatLabel(), t.chainTicketRef(), t.qrPayload(), status, checkedInAt);
    }
}
