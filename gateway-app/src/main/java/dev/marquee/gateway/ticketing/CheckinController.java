package dev.marquee.gateway.ticketing;

import dev.marquee.gateway.web.BearerToken;
import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Venue staff scanning tickets at the door ({@code Authorization: Bearer <staff key>}). */
@Controller("/api/v1/checkins")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CheckinController {
    private static final String PATH = "/api/v1/checkins";
    private static final Logger LOG = LoggerFactory.getLogger(CheckinController.class);

    private final Checkins checkins;
    private final StaffKeys staffKeys;

    public CheckinController(Checkins checkins, StaffKeys staffKeys) {
        this.checkins = checkins;
        this.staffKeys = staffKeys;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<?> checkIn(@Header("Authorization") @Nullable String authorization, @Body @Nullable CheckinBody body) {
        Optional<String> cinemaId = BearerToken.from(authorization).flatMap(staffKeys::cinemaFor);
        if (cinemaId.isEmpty()) {
            return problem(Problem.of(ProblemType.UNAUTHORIZED, "Send a venue's staff key as 'Authorization: Bearer <staff key>'"))
                    .header("WWW-Authenticate", "Bearer");
        }
        if (body == null || body.qrPayload() == null || body.qrPayload().isBlank()) {
            throw InvalidParametersException.of("qrPayload", "is required: the text the ticket's QR code holds");
        }
        CheckinOutcome outcome = checkins.checkIn(body.qrPayload(), cinemaId.get());
        // The outcome's name only: an admitted ticket carries its payload, which admits whoever holds it.
        LOG.debug("Check-in at {}: {}", cinemaId.get(), outcome.getClass().getSimpleName());
        return switch (outcome) {
            case CheckinOutcome.Admitted admitted -> HttpResponse.ok(CheckinView.of(admitted.ticket()));
            case CheckinOutcome.AlreadyUsed used -> HttpResponse.status(HttpStatus.CONFLICT).contentType(Problem.MEDIA_TYPE)
                    .body(TicketUsedProblem.of(used, PATH));
            case CheckinOutcome.Voided voided -> problem(Problem.of(ProblemType.TICKET_VOID, "Ticket " + voided.ticketId()
                    + " was cancelled with its booking" + (voided.reason() == null ? "" : ": " + voided.reason())));
            case CheckinOutcome.ShowEnded ended -> problem(Problem.of(ProblemType.SHOW_ENDED, "Ticket " + ended.ticketId()
                    + " is for a show that ended at " + ended.endsAt()));
            case CheckinOutcome.WrongCinema wrong -> problem(Problem.of(ProblemType.WRONG_CINEMA, "Ticket " + wrong.ticketId()
                    + " is for cinema " + wrong.ticketCinemaId() + ", not this one"));
            case CheckinOutcome.NotGenuine fake -> problem(Problem.of(ProblemType.TICKET_NOT_GENUINE, "Not a genuine ticket: "
                    + fake.reason()));
            case CheckinOutcome.UnknownTicket unknown -> problem(Problem.of(ProblemType.NOT_FOUND, "No ticket '"
                    + unknown.ticketId() + "'"));
        };
    }

    private static MutableHttpResponse<Problem> problem(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status())).contentType(Problem.MEDIA_TYPE)
                .body(problem.withInstance(PATH));
    }
}
