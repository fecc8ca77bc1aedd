package dev.marquee.booking.bookings;

import dev.marquee.booking.holds.HeldSeat;
import dev.marquee.booking.shows.ShowFacts;
import dev.marquee.spi.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A checked-out hold on its way through payment to tickets.
 *
 * @param id the gateway's booking id, also the payment's reference at the provider and the booking's
 *     reference at the chain, which makes both calls safe to repeat
 * @param holdId the hold it was checked out from
 * @param showId the gateway show id
 * @param chainId the chain
 * @param email the customer
 * @param seats the seats, with their prices
 * @param status where it is
 * @param statusReason why it is there, when that is not obvious (a refund, a decline); may be null
 * @param amount what it costs
 * @param paymentId the provider's payment, once opened
 * @param paymentUrl where the customer pays
 * @param lockRef the chain lock the booking confirms
 * @param chainBookingRef the chain's booking, once confirmed
 * @param refundId the provider's refund, once refunded
 * @param show what the tickets and emails say about the show
 * @param createdAt when it was checked out
 * @param changedAt when its status last changed
 * @param salesChannel the API client that checked it out; null for bookings made before API keys
 */
public record Booking(
        String id,
        String holdId,
        String showId,
        String chainId,
        String email,
        List<HeldSeat> seats,
        BookingStatus status,
        String statusReason,
        Money amount,
        String paymentId,
        String paymentUrl,
        String lockRef,
        String chainBookingRef,
        String refundId,
        ShowFacts show,
        Instant createdAt,
        Instant changedAt,
        String salesChannel) {

    public Booking {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(showId, "showId");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(email, "email");
        seats = List.copyOf(Objects.requireNonNull(seats, "seats"));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(lockRef, "lockRef");
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    /** A booking without a sales channel. */
    public Booking(String id, String holdId, String showId, String chainId, String email, List<HeldSeat> seats,
            BookingStatus status, String statusReason, Money amount, String paymentId, String paymentUrl, String lockRef,
            String chainBookingRef, String refundId, ShowFacts show, Instant createdAt, Instant changedAt) {
        this(id, holdId, showId, chainId, email, seats, status, statusReason, amount, paymentId, paymentUrl, lockRef,
                chainBookingRef, refundId, show, createdAt, changedAt, null);
    }

    public List<String> seatIds() {
        return seats.stream().map(HeldSeat::seatId).toList();
    }
}
