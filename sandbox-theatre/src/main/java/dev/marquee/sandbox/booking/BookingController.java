package dev.marquee.sandbox.booking;

import dev.marquee.sandbox.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /theatre/v1/bookings} and {@code /theatre/v1/shows/{showId}/seats}. */
@Controller("/theatre/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BookingController {
    private final Reservations reservations;

    public BookingController(Reservations reservations) {
        this.reservations = reservations;
    }

    @Get("/shows/{showId}/seats")
    public HttpResponse<?> seats(@PathVariable String showId) {
        return reservations.seats(showId)
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> Problem.SHOW_NOT_FOUND.response("No show " + showId));
    }

    @Get("/bookings")
    public Views.FoundBookingsView find(@QueryValue @Nullable String reference) {
        return reservations.bookingsWithReference(LockController.reference(reference));
    }

    @Get("/bookings/{bookingId}")
    public HttpResponse<?> booking(@PathVariable String bookingId) {
        return reservations.booking(bookingId)
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> Problem.BOOKING_NOT_FOUND.response("No booking " + bookingId));
    }

    @Post("/bookings/{bookingId}/cancel")
    public HttpResponse<?> cancel(@PathVariable String bookingId) {
        return switch (reservations.cancel(bookingId)) {
            case Outcomes.Cancelled cancelled -> HttpResponse.ok(cancelled.booking());
            case Outcomes.BookingNotFound notFound -> Problem.BOOKING_NOT_FOUND.response("No booking " + bookingId);
            case Outcomes.ShowStarted started -> Problem.SHOW_STARTED.response(
                    "The show of booking " + bookingId + " has started");
        };
    }
}
