package dev.marquee.gateway.ticketing;

import dev.marquee.booking.tokens.Tokens;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Tickets for whoever holds their booking's token. */
@Singleton
public class TicketService {
    private final TicketRepository tickets;

    public TicketService(TicketRepository tickets) {
        this.tickets = tickets;
    }

    /** The ticket if it exists and the token is its booking's; empty alike for no ticket and a wrong token. */
    public Optional<TicketAtShow> find(String ticketId, String bookingToken) {
        return tickets.find(ticketId)
                .filter(stored -> Tokens.matches(bookingToken, stored.tokenHash()))
                .map(TicketRepository.StoredTicket::ticket);
    }
}
