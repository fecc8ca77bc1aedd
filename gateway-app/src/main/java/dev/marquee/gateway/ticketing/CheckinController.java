package dev.marquee.gateway.ticketing;

import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.UnauthorizedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Venue staff scanning tickets at the door ({@code Authorization: Bearer <staff key>}). */
@Controller("/api/v1/checkins")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CheckinController {
    private static final Logger LOG = LoggerFactory.getLogger(CheckinController.class);

    private final Checkins checkins;
    private final StaffKeys staffKeys;

    public CheckinController(Checkins checkins, StaffKeys staffKeys) {
        this.checkins = checkins;
        this.staffKeys = staffKeys;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public CheckinView checkIn(Bearer staffKey, @Body @Nullable JsonNode body) {
        String cinemaId = staffKeys.cinemaFor(staffKey.token()).orElseThrow(() -> new UnauthorizedException(
                "Not a venue's staff key; send one as 'Authorization: Bearer <staff key>'"));
        CheckinBody checkin = CheckinBody.of(body);
        if (checkin.qrPayload() == null || checkin.qrPayload().isBlank()) {
            throw InvalidParametersException.of("qrPayload", "is required: the text the ticket's QR code holds");
        }
        CheckinOutcome outcome = checkins.checkIn(checkin.qrPayload(), cinemaId);
        // The outcome's name only: an admitted ticket carries its payload, which admits whoever holds it.
        LOG.debug("Check-in at {}: {}", cinemaId, outcome.getClass().getSimpleName());
        return switch (outcome) {
            case CheckinOutcome.Admitted admitted -> CheckinView.of(admitted.ticket());
            case CheckinOutcome.AlreadyUsed used -> throw new ProblemException(alreadyUsed(used));
            case CheckinOutcome.Voided voided -> throw ProblemException.of(ProblemType.TICKET_VOID, "Ticket " + voided.ticketId()
                    + " was cancelled with its booking" + (voided.reason() == null ? "" : ": " + voided.reason()));
            case CheckinOutcome.ShowEnded ended -> throw ProblemException.of(ProblemType.SHOW_ENDED, "Ticket " + ended.ticketId()
                    + " is for a show that ended at " + ended.endsAt());
            case CheckinOutcome.WrongCinema wrong -> throw ProblemException.of(ProblemType.WRONG_CINEMA, "Ticket "
                    + wrong.ticketId() + " is for cinema " + wrong.ticketCinemaId() + ", not this one");
            case CheckinOutcome.NotGenuine fake -> throw ProblemException.of(ProblemType.TICKET_NOT_GENUINE,
                    "Not a genuine ticket: " + fake.reason());
            case CheckinOutcome.UnknownTicket unknown -> throw ProblemException.of(ProblemType.NOT_FOUND,
                    "No ticket '" + unknown.ticketId() + "'");
        };
    }

    /** Says when the ticket was first let in, so staff can tell a shared screenshot from a second scan. */
    private static Problem alreadyUsed(CheckinOutcome.AlreadyUsed used) {
        return Problem.of(ProblemType.TICKET_ALREADY_USED, "Ticket " + used.ticketId() + " (seat " + used.seatLabel()
                + ") was already checked in at " + used.checkedInAt())
                .with("ticketId", used.ticketId())
                .with("checkedInAt", used.checkedInAt());
    }
}
