package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.Booking;
import dev.marquee.booking.bookings.BookingStatus;
import dev.marquee.booking.bookings.Bookings;
import dev.marquee.booking.bookings.Cancellation;
import dev.marquee.booking.bookings.Checkout;
import dev.marquee.booking.bookings.CheckoutOutcome;
import dev.marquee.booking.bookings.Ticket;
import dev.marquee.gateway.web.BearerToken;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Optional;

/** Checkout, bookings and cancellation over HTTP. The hold's token is also its booking's token. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BookingController {
    private final Checkout checkout;
    private final Bookings bookings;

    public BookingController(Checkout checkout, Bookings bookings) {
        this.checkout = checkout;
        this.bookings = bookings;
    }

    @Post("/holds/{holdId}/checkout")
    public HttpResponse<?> checkout(@PathVariable String holdId, @Header("Authorization") @Nullable String authorization) {
        String path = "/api/v1/holds/" + holdId + "/checkout";
        Optional<String> token = BearerToken.from(authorization);
        if (token.isEmpty()) {
            return unauthorized(path, "hold");
        }
        return switch (checkout.checkout(holdId, token.get())) {
            case CheckoutOutcome.Checkout done -> HttpResponse.status(done.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(view(done.booking(), token.get()));
            case CheckoutOutcome.NoHold none -> problem(Problem.of(ProblemType.NOT_FOUND, "No hold '" + holdId + "' for this token"),
                    path);
            case CheckoutOutcome.HoldEnded ended -> problem(Problem.of(ProblemType.HOLD_NOT_ACTIVE, "The hold is "
                    + ended.status() + "; hold the seats again to book them"), path);
            case CheckoutOutcome.ProviderUnavailable unavailable -> problem(Problem.of(ProblemType.PAYMENT_PROVIDER_UNAVAILABLE,
                    "The payment provider does not answer; booking " + unavailable.booking().id()
                            + " is kept, repeat the checkout shortly"), path).header("Retry-After", "5");
        };
    }

    @Get("/bookings/{bookingId}")
    public HttpResponse<?> read(@PathVariable String bookingId, @Header("Authorization") @Nullable String authorization) {
        String path = "/api/v1/bookings/" + bookingId;
        Optional<String> token = BearerToken.from(authorization);
        if (token.isEmpty()) {
            return unauthorized(path, "booking");
        }
        return bookings.find(bookingId, token.get()).<HttpResponse<?>>map(b -> HttpResponse.ok(view(b, null)))
                .orElseGet(() -> notFound(bookingId, path));
    }

    @Post("/bookings/{bookingId}/cancel")
    public HttpResponse<?> cancel(@PathVariable String bookingId, @Header("Authorization") @Nullable String authorization) {
        String path = "/api/v1/bookings/" + bookingId + "/cancel";
        Optional<String> token = BearerToken.from(authorization);
        if (token.isEmpty()) {
            return unauthorized(path, "booking");
        }
        return switch (bookings.cancel(bookingId, token.get())) {
            case Cancellation.Cancelled cancelled -> HttpResponse.ok(view(cancelled.booking(), null));
            case Cancellation.NoBooking none -> notFound(bookingId, path);
            case Cancellation.NotCancellable refused -> problem(Problem.of(ProblemType.BOOKING_NOT_CANCELLABLE, refused.reason()),
                    path);
        };
    }

    private BookingView view(Booking booking, @Nullable String token) {
        List<Ticket> tickets = booking.status() == BookingStatus.PENDING_PAYMENT ? List.of() : bookings.tickets(booking.id());
        return BookingView.of(booking, tickets, token);
    }

    private static MutableHttpResponse<Problem> notFound(String bookingId, String path) {
        // The same answer for a wrong token as for no booking: nobody learns which booking ids exist.
        return problem(Problem.of(ProblemType.NOT_FOUND, "No booking '" + bookingId + "' for this token"), path);
    }

    private static MutableHttpResponse<Problem> unauthorized(String path, String what) {
        return problem(Problem.of(ProblemType.UNAUTHORIZED, "Send the " + what + "'s token as 'Authorization: Bearer <token>'"), path)
                .header("WWW-Authenticate", "Bearer");
    }

    private static MutableHttpResponse<Problem> problem(Problem problem, String path) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status())).contentType(Problem.MEDIA_TYPE)
                .body(problem.withInstance(path));
    }
}
