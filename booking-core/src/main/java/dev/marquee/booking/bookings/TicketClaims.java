package dev.marquee.booking.bookings;

import java.time.Instant;
import java.util.Objects;

/**
 * What a ticket's QR code states, signed by the gateway so that a venue can check it without calling anyone.
 *
 * @param ticketId the gateway's ticket id
 * @param bookingId the booking it belongs to
 * @param showId the gateway show id
 * @param cinemaId the gateway cinema id: the only venue where it may be used
 * @param seatId the chain's seat ref
 * @param seatLabel the seat as people read it ("F12")
 * @param startsAt when the show starts
 * @param endsAt when the show ends; the ticket is worthless afterwards
 */
public record TicketClaims(String ticketId, String bookingId, String showId, String cinemaId, String seatId,
        String seatLabel, Instant startsAt, Instant endsAt) {
    public TicketClaims {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(showId, "showId");
        Objects.requireNonNull(cinemaId, "cinemaId");
        Objects.requireNonNull(seatId, "seatId");
        Objects.requireNonNull(seatLabel, "seatLabel");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
    }
}
