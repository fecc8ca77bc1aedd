package dev.marquee.gateway.ticketing;

import dev.marquee.gateway.web.ProblemType;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The problem answer for a ticket scanned again: RFC 9457 saying when it was first let in.
 *
 * @param type the problem type URI
 * @param title the kind
 * @param status 409
 * @param detail what happened
 * @param instance the request path
 * @param ticketId the ticket
 * @param checkedInAt when it was used
 */
@Serdeable
public record TicketUsedProblem(String type, String title, int status, String detail, String instance, String ticketId,
        Instant checkedInAt) {

    static TicketUsedProblem of(CheckinOutcome.AlreadyUsed used, String path) {
        ProblemType kind = ProblemType.TICKET_ALREADY_USED;
        return new TicketUsedProblem(kind.uri(), kind.title(), kind.status().getCode(), "Ticket " + used.ticketId()
                + " (seat " + used.seatLabel() + ") was already checked in at " + used.checkedInAt(), path, used.ticketId(),
                used.checkedInAt());
    }
}
