package dev.marquee.booking.bookings;

/** Signs what a ticket's QR code states, so that a venue can check it without calling anyone. */
@FunctionalInterface
public interface TicketSigning {
    /** The QR payload: the claims and their signature. */
    String sign(TicketClaims claims);
}
