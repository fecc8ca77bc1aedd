package dev.marquee.booking.bookings;

import dev.marquee.booking.holds.HeldSeat;
import dev.marquee.booking.tokens.Secrets;
import dev.marquee.spi.TheatreTicket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Issues one signed ticket per seat of a booking its chain confirmed, each carrying the chain's own ticket ref. */
public class TicketIssue {
    private final TicketSigning signing;
    private final Secrets secrets;

    public TicketIssue(TicketSigning signing, Secrets secrets) {
        this.signing = signing;
        this.secrets = secrets;
    }

    public List<Ticket> issue(Booking booking, List<TheatreTicket> chainTickets) {
        Map<String, String> chainRefs = chainTickets.stream()
                .collect(Collectors.toMap(TheatreTicket::seatRef, TheatreTicket::ticketRef, (a, b) -> a));
        List<Ticket> tickets = new ArrayList<>();
        for (HeldSeat seat : booking.seats()) {
            String ticketId = secrets.newId("tkt");
            String label = seat.row() + seat.number();
            String payload = signing.sign(new TicketClaims(ticketId, booking.id(), booking.showId(), booking.show().cinemaId(),
                    seat.seatId(), label, booking.show().startsAt(), booking.show().endsAt()));
            tickets.add(new Ticket(ticketId, booking.id(), seat.seatId(), label, chainRefs.get(seat.seatId()), payload,
                    TicketStatus.VALID, null));
        }
        return tickets;
    }
}
