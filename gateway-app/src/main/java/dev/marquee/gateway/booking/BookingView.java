package dev.marquee.gateway.booking;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.booking.bookings.Booking;
import dev.marquee.booking.bookings.BookingStatus;
import dev.marquee.booking.bookings.Ticket;
import dev.marquee.gateway.holds.HoldView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A booking as its holder sees it; {@code salesChannel} is the API client that checked it out. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookingView(String bookingId, String holdId, String status, @Nullable String statusReason, String amount,
        String currency, @Nullable String paymentUrl, ShowView show, List<HoldView.SeatView> seats, List<TicketView> tickets,
        Instant createdAt, Instant changedAt, @Nullable String salesChannel, @Nullable String token) {

    static BookingView of(Booking b, List<Ticket> tickets, @Nullable String token) {
        return new BookingView(b.id(), b.holdId(), b.status().name(), b.statusReason(), b.amount().amount().toPlainString(),
                b.amount().currency(), b.status() == BookingStatus.PENDING_PAYMENT ? b.paymentUrl() : null,
                new ShowView(b.showId(), b.show().movieTitle(), b.show().cinemaId(), b.show().cinemaName(), b.show().hallName(),
                        b.show().startsAt(), b.show().endsAt()),
                b.seats().stream().map(s -> new HoldView.SeatView(s.seatId(), s.row(), s.number(), s.category(),
                        s.price().amount().toPlainString())).toList(),
                tickets.stream().map(t -> new TicketView(t.id(), t.seatId(), t.seatLabel(), t.status().name(),
                        "/api/v1/tickets/" + t.id(), "/api/v1/tickets/" + t.id() + "/qr.png")).toList(),
                b.createdAt(), b.changedAt(), b.salesChannel(), token);
    }

    /** What the booking is for. */
    @Serdeable
    public record ShowView(String showId, String movieTitle, String cinemaId, String cinemaName, String hallName,
            Instant startsAt, Instant endsAt) {
    }

    /** One ticket, with where to read it and its QR code. */
    @Serdeable
    public record TicketView(String ticketId, String seatId, String seatLabel, String status, String href, String qrHref) {
    }
}
