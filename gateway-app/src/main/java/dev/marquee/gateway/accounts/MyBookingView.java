package dev.marquee.gateway.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A booking in its account's list: what, when, what it cost, and its tickets once confirmed. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MyBookingView(String bookingId, String status, String amount, String currency, ShowLine show,
        List<TicketLine> tickets, Instant createdAt) {

    /** What a booking or ticket is for. */
    @Serdeable
    public record ShowLine(String showId, String movieTitle, String cinemaId, String cinemaName, String hallName,
            Instant startsAt, Instant endsAt) {
    }

    /** One ticket of a booking. */
    @Serdeable
    public record TicketLine(String ticketId, String seatLabel, String status) {
    }
}
