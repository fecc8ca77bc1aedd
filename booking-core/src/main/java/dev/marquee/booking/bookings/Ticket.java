package dev.marquee.booking.bookings;

import java.time.Instant;
import java.util.Objects;

/**
 * One seat's ticket of a confirmed booking.
 *
 * @param id the gateway's ticket id
 * @param bookingId its booking
 * @param seatId the chain's seat ref
 * @param seatLabel the seat as people read it
 * @param chainTicketRef the chain's ticket id; null if the chain gave none
 * @param qrPayload the signed payload of its QR code
 * @param status where it stands
 * @param checkedInAt when it was used; null unless {@link TicketStatus#USED}
 */
public record Ticket(String id, String bookingId, String seatId, String seatLabel, String chainTicketRef,
        String qrPayload, TicketStatus status, Instant checkedInAt) {
    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(seatId, "seatId");
        Objects.requireNonNull(seatLabel, "seatLabel");
        Objects.requireNonNull(qrPayload, "qrPayload");
        Objects.requireNonNull(status, "status");
    }
}
