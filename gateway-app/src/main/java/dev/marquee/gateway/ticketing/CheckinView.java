package dev.marquee.gateway.ticketing;

import dev.marquee.booking.bookings.Ticket;
import dev.marquee.booking.shows.ShowFacts;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** What the door staff see when a ticket is let in. */
@Serdeable
public record CheckinView(String ticketId, String seatLabel, String showId, String movieTitle, String cinemaName,
        String hallName, Instant startsAt, Instant checkedInAt) {

    static CheckinView of(TicketAtShow found) {
        Ticket ticket = found.ticket();
        ShowFacts show = found.show();
        return new CheckinView(ticket.id(), ticket.seatLabel(), found.showId(), show.movieTitle(), show.cinemaName(),
                show.hallName(), show.startsAt(), ticket.checkedInAt());
    }
}
