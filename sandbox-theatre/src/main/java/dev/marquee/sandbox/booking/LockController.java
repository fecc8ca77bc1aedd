package dev.marquee.sandbox.booking;

import dev.marquee.sandbox.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/** {@code /theatre/v1/locks}: lock, release, confirm. */
@Controller("/theatre/v1/locks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LockController {
    static final int MAX_TTL_SECONDS = 3600;
    static final int MAX_REFERENCE = 100;

    private final Reservations reservations;

    public LockController(Reservations reservations) {
        this.reservations = reservations;
    }

    @Serdeable
    public record LockRequest(@Nullable String showId, @Nullable List<String> seatIds, @Nullable Integer ttlSeconds,
            @Nullable String reference) {
    }

    @Serdeable
    public record ConfirmRequest(@Nullable String reference) {
    }

    @Post
    public HttpResponse<?> lock(@Body LockRequest request) {
        String showId = required("showId", request.showId());
        List<String> seatIds = seatIds(request.seatIds());
        String reference = reference(request.reference());
        Duration ttl = null;
        if (request.ttlSeconds() != null) {
            if (request.ttlSeconds() < 1 || request.ttlSeconds() > MAX_TTL_SECONDS) {
                throw Problem.BAD_REQUEST.exception("ttlSeconds must be from 1 to " + MAX_TTL_SECONDS
                        + ", was " + request.ttlSeconds());
            }
            ttl = Duration.ofSeconds(request.ttlSeconds());
        }
        return switch (reservations.lock(showId, seatIds, ttl, reference)) {
            case Outcomes.Locked locked -> HttpResponse.status(locked.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(locked.lock());
            case Outcomes.SeatsTaken taken -> Problem.SEATS_TAKEN.seatsTaken(taken.seatIds());
            case Outcomes.Refused refused -> refused.problem().response(refused.detail());
        };
    }

    @Get
    public Views.FoundLocksView find(@QueryValue @Nullable String showId, @QueryValue @Nullable String reference) {
        return reservations.locksWithReference(required("showId", showId), reference(reference));
    }

    @Delete("/{lockId}")
    public HttpResponse<?> release(@PathVariable String lockId) {
        return switch (reservations.release(lockId)) {
            case Outcomes.Released released -> HttpResponse.noContent();
            case Outcomes.AlreadyConfirmed confirmed -> Problem.LOCK_CONFIRMED.response(
                    "Lock " + lockId + " became booking " + confirmed.bookingId() + "; cancel the booking instead");
        };
    }

    @Post("/{lockId}/confirm")
    public HttpResponse<?> confirm(@PathVariable String lockId, @Body ConfirmRequest request) {
        String reference = reference(request.reference());
        return switch (reservations.confirm(lockId, reference)) {
            case Outcomes.Confirmed confirmed -> HttpResponse.created(confirmed.booking());
            case Outcomes.AlreadyConfirmed already -> Problem.ALREADY_CONFIRMED.withBooking(already.bookingId());
            case Outcomes.Gone gone -> Problem.LOCK_GONE.response("Lock " + lockId + " expired, was released or never existed");
        };
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Problem.BAD_REQUEST.exception(field + " is required");
        }
        return value;
    }

    static List<String> seatIds(List<String> seatIds) {
        if (seatIds == null || seatIds.isEmpty()) {
            throw Problem.BAD_REQUEST.exception("seatIds must name at least one seat");
        }
        if (seatIds.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw Problem.BAD_REQUEST.exception("seatIds must not contain blank ids");
        }
        if (new HashSet<>(seatIds).size() != seatIds.size()) {
            throw Problem.BAD_REQUEST.exception("seatIds names a seat twice: " + seatIds);
        }
        return List.copyOf(seatIds);
    }

    static String reference(String reference) {
        String value = required("reference", reference);
        if (value.length() > MAX_REFERENCE) {
            throw Problem.BAD_REQUEST.exception("reference must be at most " + MAX_REFERENCE + " characters");
        }
        return value;
    }
}
