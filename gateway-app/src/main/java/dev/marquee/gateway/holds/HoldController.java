package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.HoldOutcome;
import dev.marquee.booking.holds.HoldRequest;
import dev.marquee.booking.holds.Holds;
import dev.marquee.booking.idempotency.Answer;
import dev.marquee.booking.idempotency.Execution;
import dev.marquee.booking.idempotency.IdempotentRequests;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.InvalidParam;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Seat holds over HTTP: place (idempotent), read and release. A placed hold's answer is kept under its
 * Idempotency-Key (sealed, by the key's store), so a repeat gets the very same answer; a problem is not kept, so a
 * repeat of a refused request runs again.
 */
@Controller("/api/v1/holds")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HoldController {
    private static final int MAX_KEY_LENGTH = 255;

    private final Holds holds;
    private final IdempotentRequests keys;
    private final ClientRateLimiter rateLimiter;
    private final JsonMapper json;

    public HoldController(Holds holds, IdempotentRequests keys, ClientRateLimiter rateLimiter, JsonMapper json) {
        this.holds = holds;
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.json = json;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<String> place(@Header("Idempotency-Key") @Nullable String key, @Body @Nullable JsonNode body,
            HttpRequest<?> request) {
        OptionalLong retryAfter = rateLimiter.admit(request.getRemoteAddress().getAddress().getHostAddress());
        if (retryAfter.isPresent()) {
            throw new ProblemException(Problem.of(ProblemType.TOO_MANY_REQUESTS, "Too many hold requests from this client; try again in "
                    + retryAfter.getAsLong() + " s"), Problems.retryAfter(Duration.ofSeconds(retryAfter.getAsLong())), null);
        }
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_PARAMETERS,
                    "Idempotency-Key: a header of 1 to 255 characters is required").withInvalidParams(List.of(
                            new InvalidParam("Idempotency-Key", "a header of 1 to 255 characters is required"))));
        }
        HoldBody hold = HoldBody.of(body);
        HoldRequest holdRequest = new HoldRequest(hold.showId(), hold.seatIds(), hold.email());
        String requestHash = Tokens.hash(json(hold));
        return switch (keys.execute(key, requestHash, holds::newHoldId,
                holdId -> answer(request, holds.place(holdId, holdRequest)), Holds::outcomeUnknown)) {
            case Execution.Answered answered -> answered.answer().status() >= 400
                    ? Problems.replay(answered.answer().status(), answered.answer().body())
                    : HttpResponse.<String>status(HttpStatus.valueOf(answered.answer().status()))
                            .contentType(MediaType.APPLICATION_JSON_TYPE).body(answered.answer().body());
            case Execution.KeyReused reused -> throw ProblemException.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request; use a new key for a new request");
            case Execution.StillRunning running -> throw new ProblemException(Problem.of(ProblemType.REQUEST_IN_PROGRESS,
                    "A request with this Idempotency-Key is still running; try again shortly"),
                    Problems.retryAfter(Duration.ofSeconds(1)), null);
        };
    }

    private Answer answer(HttpRequest<?> request, HoldOutcome outcome) {
        return switch (outcome) {
            case HoldOutcome.Placed placed -> new Answer(HttpStatus.CREATED.getCode(), json(HoldView.of(placed.hold(), placed.token())));
            case HoldOutcome.AlreadyPlaced placed -> problem(request, Problem.of(ProblemType.HOLD_ALREADY_PLACED, "Hold "
                    + placed.hold().id() + " was placed for this request but its answer was lost, and it is "
                    + placed.hold().status().name().toLowerCase(Locale.ROOT) + " now; repeat the request to place a new hold"));
            case HoldOutcome.SeatsTaken taken -> problem(request, Problem.of(ProblemType.SEATS_TAKEN, "Seats already held or sold: "
                    + String.join(", ", taken.seatIds()) + "; nothing was held").with("seatsTaken", List.copyOf(taken.seatIds())));
            case HoldOutcome.Invalid invalid -> problem(request, Problem.of(ProblemType.INVALID_PARAMETERS,
                    String.join("; ", invalid.problems().stream().map(p -> p.field() + ": " + p.reason()).toList()))
                    .withInvalidParams(invalid.problems().stream().map(p -> new InvalidParam(p.field(), p.reason())).toList()));
            case HoldOutcome.UnknownShow unknown -> problem(request, Problem.of(ProblemType.NOT_FOUND,
                    "No show with id '" + unknown.showId() + "'")
                    .withInvalidParams(List.of(new InvalidParam("showId", "no such show"))));
            case HoldOutcome.NotBookable notBookable -> problem(request, Problem.of(ProblemType.SHOW_NOT_BOOKABLE, notBookable.reason()));
            case HoldOutcome.LimitReached limit -> problem(request, Problem.of(ProblemType.HOLD_LIMIT_REACHED,
                    limit.field() + ": " + limit.reason()).withInvalidParams(List.of(new InvalidParam(limit.field(), limit.reason()))));
        };
    }

    private Answer problem(HttpRequest<?> request, Problem problem) {
        return new Answer(problem.status(), Problems.json(json, request, problem));
    }

    @Get("/{holdId}")
    public HoldView read(@PathVariable String holdId, Bearer bearer) {
        return holds.find(holdId, bearer.token()).map(hold -> HoldView.of(hold, null)).orElseThrow(() -> notFound(holdId));
    }

    @Delete("/{holdId}")
    public HoldView release(@PathVariable String holdId, Bearer bearer) {
        return holds.release(holdId, bearer.token()).map(hold -> HoldView.of(hold, null)).orElseThrow(() -> notFound(holdId));
    }

    /** The same answer for a wrong token as for no hold: nobody learns which hold ids exist. */
    private static ProblemException notFound(String holdId) {
        return ProblemException.of(ProblemType.NOT_FOUND, "No hold '" + holdId + "' for this token");
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
