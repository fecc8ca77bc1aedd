package dev.marquee.spi;

/**
 * The chain's ticket for one seat of a booking.
 *
 * @param seatRef the seat
 * @param ticketRef the chain's ticket id, unique within the chain
 */
public record TheatreTicket(String seatRef, String ticketRef) {
    public TheatreTicket {
        Checks.text(seatRef, "seatRef");
        Checks.text(ticketRef, "ticketRef");
    }
}
