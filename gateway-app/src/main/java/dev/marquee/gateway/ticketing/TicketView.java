package dev.marquee.gateway.ticketing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.booking.bookings.Ticket;
import dev.marquee.booking.shows.ShowFacts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A ticket as its holder sees it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketView(String ticketId, String bookingId, String status, ShowView show, SeatView seat, String qrPayload,
        @Nullable Instant checkedInAt) {

    static TicketView of(TicketAtShow found) {
        Ticket ticket = found.ticket();
        ShowFacts show = found.show();
        return new TicketView(ticket.id(), ticket.bookingId(), ticket.status().name(),
                new ShowView(found.showId(), show.movieTitle(), show.cinemaId(), show.cinemaName(), show.hallName(),
                        show.startsAt(), show.endsAt()),
                new SeatView(ticket.seatId(), ticket.seatLabel()), ticket.qrPayload(), ticket.checkedInAt());
    }

    /** The show the ticket is for. */
    @Serdeable
    public record ShowView(String showId, String movieTitle, String cinemaId, String cinemaName, String hallName,
            Instant startsAt, Instant endsAt) {
    }

    /** The seat. */
    @Serdeable
    public record SeatView(String seatId, String label) {
    }
}
