package dev.marquee.gateway.ticketing;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** What the door staff see when a ticket is let in. */
@Serdeable
public record CheckinView(String ticketId, String seatLabel, String showId, String movieTitle, String cinemaName,
        String hallName, Instant startsAt, Instant checkedInAt) {

    static CheckinView of(Ticket ticket) {
        Ticket.BookedShow show = ticket.show();
        return new CheckinView(ticket.id(), ticket.seatLabel(), show.showId(), show.movieTitle(), show.cinemaName(),
                show.hallName(), show.startsAt(), ticket.checkedInAt());
    }
}
