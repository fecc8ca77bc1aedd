package dev.marquee.sandbox.admin;

import dev.marquee.sandbox.booking.Outcomes;
import dev.marquee.sandbox.booking.Reservations;
import dev.marquee.sandbox.catalog.CatalogPage;
import dev.marquee.sandbox.catalog.CatalogService;
import dev.marquee.sandbox.http.Problem;
import dev.marquee.sandbox.payments.Payments;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;

/** The admin API, {@code /sandbox/v1} (contracts/sandbox-admin-api.yaml). It never needs the API key. */
@Controller("/sandbox/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminController {
    private final CatalogService catalog;
    private final Schedule schedule;
    private final Reservations reservations;
    private final Payments payments;

    public AdminController(CatalogService catalog, Schedule schedule, Reservations reservations, Payments payments) {
        this.catalog = catalog;
        this.schedule = schedule;
        this.reservations = reservations;
        this.payments = payments;
    }

    @Serdeable
    public record NewShow(@Nullable String movieId, @Nullable String hallId, @Nullable String startsAt,
            @Nullable String format, @Nullable String language) {
    }

    @Serdeable
    public record ShowMove(@Nullable String startsAt, @Nullable String hallId) {
    }

    @Serdeable
    public record Sale(@Nullable String showId, @Nullable List<String> seatIds) {
    }

    @Get("/info")
    public CatalogService.Info info() {
        return catalog.info();
    }

    @Post("/shows")
    public HttpResponse<CatalogPage.ShowView> addShow(@Body NewShow request) {
        return HttpResponse.created(schedule.add(required("movieId", request.movieId()), required("hallId", request.hallId()),
                instant("startsAt", request.startsAt()), request.format(), request.language()));
    }

    @Post("/shows/{showId}/move")
    public CatalogPage.ShowView moveShow(@PathVariable String showId, @Body ShowMove request) {
        return schedule.move(showId, instant("startsAt", request.startsAt()), request.hallId());
    }

    @Post("/shows/{showId}/cancel")
    public CatalogPage.ShowView cancelShow(@PathVariable String showId) {
        return schedule.cancel(showId);
    }

    @Post("/box-office/sales")
    public HttpResponse<?> sell(@Body Sale request) {
        String showId = required("showId", request.showId());
        List<String> seatIds = request.seatIds();
        if (seatIds == null || seatIds.isEmpty() || new HashSet<>(seatIds).size() != seatIds.size()) {
            throw Problem.BAD_REQUEST.exception("seatIds must name at least one seat, each once");
        }
        return switch (reservations.sell(showId, seatIds)) {
            case Outcomes.Sold sold -> HttpResponse.created(new SaleView(sold.booking().bookingId(), sold.booking().tickets()));
            case Outcomes.SeatsTaken taken -> Problem.SEATS_TAKEN.seatsTaken(taken.seatIds());
            case Outcomes.Refused refused -> refused.problem().response(refused.detail());
        };
    }

    @Post("/reset")
    public HttpResponse<Void> reset() {
        catalog.regenerate();
        payments.reset();
        return HttpResponse.noContent();
    }

    @Serdeable
    public record SaleView(String bookingId, List<dev.marquee.sandbox.booking.Views.TicketView> tickets) {
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Problem.BAD_REQUEST.exception(field + " is required");
        }
        return value;
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(required(field, value));
        } catch (DateTimeParseException e) {
            throw Problem.BAD_REQUEST.exception(field + " must be an ISO 8601 instant such as 2026-11-21T19:30:00Z, was '"
                    + value + "'");
        }
    }
}
