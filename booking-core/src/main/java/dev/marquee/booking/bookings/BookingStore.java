package dev.marquee.booking.bookings;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where bookings and their tickets are kept, shared by every gateway instance. Implementations join
 * the caller's {@link dev.marquee.booking.support.Transactions transaction} when there is one.
 */
public interface BookingStore {

    /** Adds a new booking; answers false when its hold already has one (one booking per hold). */
    boolean insert(Booking booking, String tokenHash);

    Optional<StoredBooking> find(String bookingId);

    Optional<StoredBooking> findByHold(String holdId);

    Optional<StoredBooking> findByPayment(String paymentId);

    /** The booking as it is inside the caller's transaction, locked against concurrent changes until it ends. */
    Optional<Booking> lock(String bookingId);

    /** Ids of bookings in a status whose last change was before {@code before}, oldest first. */
    List<String> idsIn(BookingStatus status, Instant before, int limit);

    /**
     * Ids of bookings in a status whose last change was after {@code after} and before {@code before}, oldest first, with
     * the time of that change: a caller walking through them picks up after the last one it saw.
     */
    List<Changed> changedIn(BookingStatus status, Instant after, Instant before, int limit);

    void paymentOpened(String bookingId, String paymentId, String paymentUrl);

    /**
     * Records the provider's payment on a booking that has none recorded, as when the provider opened it but its
     * answer to the checkout was lost and the payment was then matched by its reference. A payment already
     * recorded is kept.
     *
     * @return whether this call recorded it
     */
    boolean paymentMatched(String bookingId, String paymentId);

    void refundRecorded(String bookingId, String refundId);

    /** The booking now confirms another chain lock (its seats were locked again after the first lock ended). */
    void lockRenewed(String bookingId, String lockRef);

    /**
     * Moves a booking to {@code to} if it is in one of {@code from}; only one caller wins a change.
     *
     * @return whether this call changed it
     */
    boolean transition(String bookingId, Collection<BookingStatus> from, BookingStatus to, String reason, Instant now);

    /** Records the chain's confirmation: the booking is {@code CONFIRMED} with the chain's booking ref. */
    void confirmed(String bookingId, String chainBookingRef, Instant now);

    void addTickets(List<Ticket> tickets, Instant issuedAt);

    /** Tickets of a cancelled or refunded booking can no longer be used: every {@code VALID} one becomes {@code VOID}. */
    void voidTickets(String bookingId);

    /** Tickets of a cancellation the chain refused are valid again: every {@code VOID} one becomes {@code VALID}. */
    void restoreTickets(String bookingId);

    /** The booking's tickets, by seat. */
    List<Ticket> tickets(String bookingId);

    /** A booking's id and when its status last changed. */
    record Changed(String bookingId, Instant changedAt) {
    }

    /** A booking and the hash of the token that grants access to it. */
    record StoredBooking(Booking booking, String tokenHash) {
    }
}
