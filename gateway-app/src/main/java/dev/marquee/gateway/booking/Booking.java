package dev.marquee.gateway.booking;

import dev.marquee.spi.Money;
import io.micronaut.core.annotation.Nullable;
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
 * @param statusReason why it is there, when that is not obvious (a refund, a decline)
 * @param amount what it costs
 * @param paymentId the provider's payment, once opened
 * @param paymentUrl where the customer pays
 * @param lockRef the chain lock the booking confirms
 * @param chainBookingRef the chain's booking, once confirmed
 * @param refundId the provider's refund, once refunded
 * @param show what the tickets and emails say about the show
 * @param createdAt when it was checked out
 * @param changedAt when its status last changed
 */
public record Booking(
        String id,
        String holdId,
        String showId,
        String chainId,
        String email,
        List<HeldSeat> seats,
        BookingStatus status,
        @Nullable String statusReason,
        Money amount,
        @Nullable String paymentId,
        @Nullable String paymentUrl,
        String lockRef,
        @Nullable String chainBookingRef,
        @Nullable String refundId,
        ShowFacts show,
        Instant createdAt,
        Instant changedAt) {

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

    public List<String> seatIds() {
        return seats.stream().map(HeldSeat::seatId).toList();
    }

    /**
     * The show as it was when the booking was made.
     *
     * @param movieTitle the movie
     * @param cinemaId the gateway cinema id
     * @param cinemaName the cinema
     * @param hallName the hall
     * @param startsAt start
     * @param endsAt end: tickets are worthless afterwards
     */
    public record ShowFacts(String movieTitle, String cinemaId, String cinemaName, String hallName, Instant startsAt,
            Instant endsAt) {
        public ShowFacts {
            Objects.requireNonNull(movieTitle, "movieTitle");
            Objects.requireNonNull(cinemaId, "cinemaId");
            Objects.requireNonNull(cinemaName, "cinemaName");
            Objects.requireNonNull(hallName, "hallName");
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
        }
    }
}
