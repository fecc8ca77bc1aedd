package dev.marquee.gateway.notification;

import dev.marquee.booking.bookings.TicketClaims;
import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.ticketing.TicketSigner;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Booking notices as the booking code publishes them, and deliveries carrying them. */
final class Notices {
    static final Instant STARTS_AT = Instant.parse("2026-11-21T19:30:00Z");

    private Notices() {
    }

    static String newBookingId() {
        return "bkg_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A confirmed booking of these seats at Aurora Leith, each ticket signed. */
    static BookingNotice confirmed(TicketSigner signer, String bookingId, String... seats) {
        List<BookingNotice.NoticeTicket> tickets = new ArrayList<>();
        for (String seat : seats) {
            String ticketId = "tkt_" + bookingId.substring(4, 16) + "_" + seat;
            String payload = signer.sign(new TicketClaims(ticketId, bookingId, "aurora:88123", "aurora:1042", seat, seat,
                    STARTS_AT, STARTS_AT.plusSeconds(9000)));
            tickets.add(new BookingNotice.NoticeTicket(ticketId, seat, seat, payload));
        }
        return new BookingNotice(bookingId, "ada@example.org", BookingNotice.Kind.CONFIRMED, "Interstellar & <Friends>",
                "Aurora Leith", "Screen 3", STARTS_AT, "Europe/London", "23.00", "GBP", null, tickets);
    }

    static BookingNotice ended(BookingNotice.Kind kind, String bookingId, String reason) {
        return new BookingNotice(bookingId, "ada@example.org", kind, "Interstellar", "Aurora Leith", "Screen 3", STARTS_AT,
                "Europe/London", "23.00", "GBP", reason, List.of());
    }

    static Delivery delivery(JsonMapper json, BookingNotice notice) {
        return delivery(notice.kind().routingKey(), json(json, notice));
    }

    static Delivery delivery(String routingKey, String payload) {
        return new Delivery(UUID.randomUUID().toString(), routingKey, payload, 1);
    }

    static String json(JsonMapper json, BookingNotice notice) {
        try {
            return json.writeValueAsString(notice);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
