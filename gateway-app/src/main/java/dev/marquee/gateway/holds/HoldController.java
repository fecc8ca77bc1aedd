package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.HoldOutcome;
import dev.marquee.booking.holds.HoldRequest;
import dev.marquee.booking.holds.Holds;
import dev.marquee.booking.idempotency.Answer;
import dev.marquee.booking.idempotency.Execution;
import dev.marquee.booking.idempotency.IdempotentRequests;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.gateway.web.BearerToken;
import dev.marquee.gateway.web.InvalidParam;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Seat holds over HTTP: place (idempotent), read and release. */
@Controller("/api/v1/holds")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HoldController {
    private static final String PATH = "/api/v1/holds";
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
    public HttpResponse<String> place(@Header("Idempotency-Key") @Nullable String key, @Body HoldBody body, HttpRequest<?> request) {
        OptionalLong retryAfter = rateLimiter.admit(request.getRemoteAddress().getAddress().getHostAddress());
        if (retryAfter.isPresent()) {
            return problem(Problem.of(ProblemType.TOO_MANY_REQUESTS, "Too many hold requests from this client; try again in "
                    + retryAfter.getAsLong() + " s")).header("Retry-After", Long.toString(retryAfter.getAsLong()));
        }
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return problem(Problem.of(ProblemType.INVALID_PARAMETERS, "Idempotency-Key: a header of 1 to 255 characters is required")
                    .withInvalidParams(List.of(new InvalidParam("Idempotency-Key",
                            "a header of 1 to 255 characters is required"))));
        }
        HoldRequest holdRequest = new HoldRequest(body.showId(), body.seatIds(), body.email());
        String requestHash = Tokens.hash(json(body));
        return switch (keys.execute(key, requestHash, holds::newHoldId, holdId -> answer(holds.place(holdId, holdRequest)))) {
            case Execution.Answered answered -> stored(answered.answer().status(), answered.answer().body());
            case Execution.KeyReused reused -> problem(Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request; use a new key for a new request"));
            case Execution.StillRunning running -> problem(Problem.of(ProblemType.REQUEST_IN_PROGRESS,
                    "A request with this Idempotency-Key is still running; try again shortly")).header("Retry-After", "1");
        };
    }

    private Answer answer(HoldOutcome outcome) {
        return switch (outcome) {
            case HoldOutcome.Placed placed -> new Answer(HttpStatus.CREATED.getCode(), json(HoldView.of(placed.hold(), placed.token())));
            case HoldOutcome.SeatsTaken taken -> new Answer(HttpStatus.CONFLICT.getCode(), json(SeatsTakenProblem.of(taken.seatIds(), PATH)));
            case HoldOutcome.Invalid invalid -> problemAnswer(Problem.of(ProblemType.INVALID_PARAMETERS,
                    String.join("; ", invalid.problems().stream().map(p -> p.field() + ": " + p.reason()).toList()))
                    .withInvalidParams(invalid.problems().stream().map(p -> new InvalidParam(p.field(), p.reason())).toList()));
            case HoldOutcome.UnknownShow unknown -> problemAnswer(Problem.of(ProblemType.NOT_FOUND,
                    "No show with id '" + unknown.showId() + "'")
                    .withInvalidParams(List.of(new InvalidParam("showId", "no such show"))));
            case HoldOutcome.NotBookable notBookable -> problemAnswer(Problem.of(ProblemType.SHOW_NOT_BOOKABLE, notBookable.reason()));
            case HoldOutcome.LimitReached limit -> problemAnswer(Problem.of(ProblemType.HOLD_LIMIT_REACHED,
                    limit.field() + ": " + limit.reason()).withInvalidParams(List.of(new InvalidParam(limit.field(), limit.reason()))));
        };
    }

    private Answer problemAnswer(Problem problem) {
        return new Answer(problem.status(), json(problem.withInstance(PATH)));
    }

    @Get("/{holdId}")
    public HttpResponse<String> read(@PathVariable String holdId, @Header("Authorization") @Nullable String authorization) {
        Optional<String> token = BearerToken.from(authorization);
        if (token.isEmpty()) {
            return unauthorized(holdId);
        }
        return holds.find(holdId, token.get())
                .<HttpResponse<String>>map(hold -> stored(200, json(HoldView.of(hold, null))))
                .orElseGet(() -> notFound(holdId));
    }

    @Delete("/{holdId}")
    public HttpResponse<String> release(@PathVariable String holdId, @Header("Authorization") @Nullable String authorization) {
        Optional<String> token = BearerToken.from(authorization);
        if (token.isEmpty()) {
            return unauthorized(holdId);
        }
        return holds.release(holdId, token.get())
                .<HttpResponse<String>>map(hold -> stored(200, json(HoldView.of(hold, null))))
                .orElseGet(() -> notFound(holdId));
    }

    private HttpResponse<String> unauthorized(String holdId) {
        return problem(Problem.of(ProblemType.UNAUTHORIZED, "Send the hold's token as 'Authorization: Bearer <token>'")
                .withInstance(PATH + "/" + holdId)).header("WWW-Authenticate", "Bearer");
    }

    private HttpResponse<String> notFound(String holdId) {
        // The same answer for a wrong token as for no hold: nobody learns which hold ids exist.
        return problem(Problem.of(ProblemType.NOT_FOUND, "No hold '" + holdId + "' for this token").withInstance(PATH + "/" + holdId));
    }

    private MutableHttpResponse<String> problem(Problem problem) {
        Problem withPath = problem.instance() == null ? problem.withInstance(PATH) : problem;
        return stored(withPath.status(), json(withPath));
    }

    private static MutableHttpResponse<String> stored(int status, String body) {
        MediaType type = status >= 400 ? MediaType.of(Problem.MEDIA_TYPE) : MediaType.APPLICATION_JSON_TYPE;
        return HttpResponse.<String>status(HttpStatus.valueOf(status)).contentType(type).body(body);
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
