package dev.marquee.gateway.ticketing;

import dev.marquee.booking.bookings.Ticket;
import dev.marquee.booking.bookings.TicketClaims;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** Venue check-in: one entry per ticket, at its own cinema, before its show ends. */
@Singleton
public class Checkins {
    private final TicketSigner signer;
    private final TicketRepository tickets;
    private final Clock clock;

    public Checkins(TicketSigner signer, TicketRepository tickets, Clock clock) {
        this.signer = signer;
        this.tickets = tickets;
        this.clock = clock;
    }

    /**
     * Checks in the ticket a QR payload carries.
     *
     * @param qrPayload what the scanner read
     * @param staffCinemaId the cinema the scanning staff work at
     */
    public CheckinOutcome checkIn(String qrPayload, String staffCinemaId) {
        TicketClaims claims;
        switch (signer.verify(qrPayload)) {
            case TicketVerification.Genuine genuine -> claims = genuine.claims();
            case TicketVerification.Forged forged -> {
                return new CheckinOutcome.NotGenuine(forged.reason());
            }
            case TicketVerification.Malformed malformed -> {
                return new CheckinOutcome.NotGenuine(malformed.reason());
            }
        }
        if (!claims.cinemaId().equals(staffCinemaId)) {
            return new CheckinOutcome.WrongCinema(claims.ticketId(), claims.cinemaId());
        }
        Instant now = clock.instant();
        if (!now.isBefore(claims.endsAt())) {
            return new CheckinOutcome.ShowEnded(claims.ticketId(), claims.endsAt());
        }
        boolean admitted = tickets.checkIn(claims.ticketId(), now);
        return tickets.find(claims.ticketId())
                .map(stored -> outcome(stored.ticket(), admitted))
                .orElseGet(() -> new CheckinOutcome.UnknownTicket(claims.ticketId()));
    }

    private static CheckinOutcome outcome(TicketAtShow found, boolean admitted) {
        if (admitted) {
            return new CheckinOutcome.Admitted(found);
        }
        Ticket ticket = found.ticket();
        return switch (ticket.status()) {
            case USED -> new CheckinOutcome.AlreadyUsed(ticket.id(), ticket.seatLabel(), ticket.checkedInAt());
            case VOID -> new CheckinOutcome.Voided(ticket.id(), found.bookingStatusReason());
            // Tickets only ever leave VALID, so a VALID ticket that was not checked in cannot be.
            case VALID -> throw new IllegalStateException("ticket " + ticket.id() + " is VALID yet was not checked in");
        };
    }
}
