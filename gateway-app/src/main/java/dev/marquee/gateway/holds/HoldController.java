package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldOutcome;
import dev.marquee.booking.holds.HoldReceipt;
import dev.marquee.booking.holds.HoldRequest;
import dev.marquee.booking.holds.Holds;
import dev.marquee.booking.idempotency.Answer;
import dev.marquee.booking.idempotency.Execution;
import dev.marquee.booking.idempotency.IdempotentRequests;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.booking.waitingroom.HoldEntry;
import dev.marquee.booking.waitingroom.WaitingRoom;
import dev.marquee.gateway.accounts.Customer;
import dev.marquee.gateway.accounts.HoldOwners;
import dev.marquee.gateway.clients.ApiClient;
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

/**
 * Seat holds over HTTP: place (idempotent), read and release. A placed hold's answer is kept under its
 * Idempotency-Key (sealed, by the key's store) in the hold's own transaction, so a repeat gets the very same answer; a
 * problem is not kept, so a repeat of a refused request runs again. Nothing is claimed before the chain is asked: the
 * hold id is derived from the key and the request, so a repeat, even one running at the same moment, locks under the
 * same reference and gets the same lock (see {@link IdempotentRequests}). While the show is in queue mode a hold also
 * needs an admission from the show's queue, sent as the {@value #QUEUE_TOKEN} header; without one the answer is 403
 * {@code queue-admission-required}. Placing and releasing need an API key (and stay within its write rate, see
 * {@code clients.ApiKeyFilter}). A hold placed by a signed-in customer belongs to their account, and so does its booking.
 */
@Controller("/api/v1/holds")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HoldController {
    private static final int MAX_KEY_LENGTH = 255;
    /** Hold ids are derived from the request and its Idempotency-Key, so that every repeat places under the same one. */
    private static final String HOLD_ID_PREFIX = "hld";
    /** The header that carries an admission token from a show's queue. */
    public static final String QUEUE_TOKEN = "Queue-Token";

    private final Holds holds;
    private final IdempotentRequests keys;
    private final WaitingRoom waitingRoom;
    private final JsonMapper json;
    private final HoldMeters meters;
    private final HoldOwners owners;

    public HoldController(Holds holds, IdempotentRequests keys, WaitingRoom waitingRoom, JsonMapper json, HoldMeters meters,
            HoldOwners owners) {
        this.holds = holds;
        this.owners = owners;
        this.meters = meters;
        this.waitingRoom = waitingRoom;
        this.keys = keys;
        this.json = json;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<String> place(@Header("Idempotency-Key") @Nullable String key, @Header(QUEUE_TOKEN) @Nullable String queueToken,
            @Body @Nullable JsonNode body, HttpRequest<?> request, ApiClient client, @Nullable Customer customer) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_PARAMETERS,
                    "Idempotency-Key: a header of 1 to 255 characters is required").withInvalidParams(List.of(
                            new InvalidParam("Idempotency-Key", "a header of 1 to 255 characters is required"))));
        }
        HoldBody hold = HoldBody.of(body);
        HoldRequest holdRequest = new HoldRequest(hold.showId(), hold.seatIds(), hold.email());
        // The client is part of the request: another app that learns a key gets 422, never this hold's kept answer.
        // So is the account: a repeat signed in to another account is another request.
        String requestHash = Tokens.hash(client.id() + "\n" + (customer == null ? "" : customer.accountId() + "\n") + json(hold));
        return switch (keys.execute(key, requestHash, HOLD_ID_PREFIX,
                running -> run(running, holdRequest, queueToken, request, customer))) {
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

    /**
     * Counts the attempt towards the show's surge rate and asks the waiting room whether it may go on. Inside the
     * idempotent execution: a kept 201 is replayed even after its admission expired, and a 403 is not kept.
     */
    private HoldEntry entry(HoldRequest hold, @Nullable String queueToken) {
        if (hold.showId() == null) {
            return new HoldEntry.Open(); // answered 400 by the core
        }
        waitingRoom.holdAttempted(hold.showId());
        return waitingRoom.entryFor(hold.showId(), queueToken);
    }

    /**
     * The request under its key. A new hold's owner and its answer are recorded with the hold, in its transaction: one
     * commit for all three, and a repeat never finds the hold without its answer or its account.
     */
    private Answer run(IdempotentRequests.Running running, HoldRequest hold, @Nullable String queueToken, HttpRequest<?> request,
            @Nullable Customer customer) {
        if (entry(hold, queueToken) instanceof HoldEntry.AdmissionRequired required) {
            return admissionRequired(request, required);
        }
        Answer[] kept = {null};
        HoldReceipt receipt = new HoldReceipt() {
            @Override
            public void recorded(Hold placed, String token) {
                if (customer != null) {
                    owners.own(placed.id(), customer);
                }
                kept[0] = answer(request, new HoldOutcome.Placed(placed, token));
                running.keep(kept[0]);
            }

            @Override
            public boolean mayGiveBack(String holdId) {
                return running.mayUndo();
            }
        };
        HoldOutcome outcome = place(running.resourceId(), hold, receipt);
        return kept[0] != null ? kept[0] : answer(request, outcome);
    }

    /** The hold id is derived from the key and the request: a hold placed under it is answered from the key, not here. */
    private HoldOutcome place(String holdId, HoldRequest hold, HoldReceipt receipt) {
        HoldOutcome outcome;
        try {
            outcome = holds.placeNew(holdId, hold, receipt);
        } catch (RuntimeException fault) {
            meters.failed();
            throw fault;
        }
        meters.counted(outcome);
        return outcome;
    }

    /** 403 with where to join: the problem's {@code queue} member is the show's queue. */
    private Answer admissionRequired(HttpRequest<?> request, HoldEntry.AdmissionRequired required) {
        return problem(request, Problem.of(ProblemType.QUEUE_ADMISSION_REQUIRED, required.reason())
                .with("queue", "/api/v1/shows/" + required.showId() + "/queue"));
    }

    private Answer answer(HttpRequest<?> request, HoldOutcome outcome) {
        return switch (outcome) {
            case HoldOutcome.Placed placed -> new Answer(HttpStatus.CREATED.getCode(), json(HoldView.of(placed.hold(), placed.token())));
            // Only a request sent again after its key was forgotten (see Holds): nothing else is placed under a hold id
            // derived from a key that is not kept.
            case HoldOutcome.AlreadyPlaced placed -> problem(request, Problem.of(ProblemType.HOLD_ALREADY_PLACED, "Hold "
                    + placed.hold().id() + " was placed for this very request and Idempotency-Key before, and it is "
                    + placed.hold().status().name().toLowerCase(Locale.ROOT)
                    + " now; send the request with a new Idempotency-Key to place a new hold"));
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
    public HoldView release(@PathVariable String holdId, Bearer bearer, ApiClient client) {
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
