package dev.marquee.gateway.ticketing;

import dev.marquee.booking.bookings.TicketStatus;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * A ticket with what its booking captured about the show at checkout.
 *
 * @param id the ticket
 * @param bookingId its booking
 * @param status VALID, USED or VOID
 * @param seatId the chain's seat ref
 * @param seatLabel the seat as people read it
 * @param qrPayload the signed payload its QR code carries
 * @param checkedInAt when it was used; null unless USED
 * @param show the show, as the booking captured it
 * @param bookingStatusReason why the booking ended, when it did (for a VOID ticket)
 */
public record Ticket(String id, String bookingId, TicketStatus status, String seatId, String seatLabel, String qrPayload,
        @Nullable Instant checkedInAt, BookedShow show, @Nullable String bookingStatusReason) {
    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(seatId, "seatId");
        Objects.requireNonNull(seatLabel, "seatLabel");
        Objects.requireNonNull(qrPayload, "qrPayload");
        Objects.requireNonNull(show, "show");
    }

    /**
     * The show of a booking, as captured at checkout.
     *
     * @param showId the gateway show id
     * @param movieTitle the movie
     * @param cinemaId the gateway cinema id
     * @param cinemaName the cinema
     * @param hallName the hall
     * @param startsAt when it starts
     * @param endsAt when it ends
     */
    public record BookedShow(String showId, String movieTitle, String cinemaId, String cinemaName, String hallName,
            Instant startsAt, Instant endsAt) {
        public BookedShow {
            Objects.requireNonNull(showId, "showId");
            Objects.requireNonNull(movieTitle, "movieTitle");
            Objects.requireNonNull(cinemaId, "cinemaId");
            Objects.requireNonNull(cinemaName, "cinemaName");
            Objects.requireNonNull(hallName, "hallName");
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
        }
    }
}
