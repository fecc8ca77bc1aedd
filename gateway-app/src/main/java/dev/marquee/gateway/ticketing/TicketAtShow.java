package dev.marquee.gateway.ticketing;

import dev.marquee.booking.bookings.Ticket;
import dev.marquee.booking.shows.ShowFacts;
import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/**
 * A ticket with the show its booking captured at checkout, as the ticket page and the door need it.
 *
 * @param ticket the ticket
 * @param showId the gateway show id
 * @param show the show, as the booking captured it
 * @param bookingStatusReason why the booking ended, when it did (for a VOID ticket)
 */
public record TicketAtShow(Ticket ticket, String showId, ShowFacts show, @Nullable String bookingStatusReason) {
    public TicketAtShow {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(showId, "showId");
        Objects.requireNonNull(show, "show");
    }
}
