package dev.marquee.gateway.ticketing;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** What scanning a ticket at the door came to. */
public sealed interface CheckinOutcome {

    /** Let in: the ticket is now USED. */
    record Admitted(TicketAtShow ticket) implements CheckinOutcome {
    }

    /** Already used, at {@code checkedInAt}. */
    record AlreadyUsed(String ticketId, String seatLabel, Instant checkedInAt) implements CheckinOutcome {
    }

    /** Its booking was cancelled or refunded. */
    record Voided(String ticketId, @Nullable String reason) implements CheckinOutcome {
    }

    /** The show is over; a ticket for a past show admits nobody. */
    record ShowEnded(String ticketId, Instant endsAt) implements CheckinOutcome {
    }

    /** The ticket is for another cinema than the staff key's. */
    record WrongCinema(String ticketId, String ticketCinemaId) implements CheckinOutcome {
    }

    /** Forged, altered or not a ticket at all. */
    record NotGenuine(String reason) implements CheckinOutcome {
    }

    /** Genuine, but the gateway has no such ticket (never issued here, or its data was lost). */
    record UnknownTicket(String ticketId) implements CheckinOutcome {
    }
}
