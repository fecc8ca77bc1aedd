package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.Booking;
import dev.marquee.booking.bookings.BookingStatus;
import dev.marquee.booking.bookings.Bookings;
import dev.marquee.booking.bookings.Cancellation;
import dev.marquee.booking.bookings.Checkout;
import dev.marquee.booking.bookings.CheckoutOutcome;
import dev.marquee.booking.bookings.Ticket;
import dev.marquee.gateway.clients.ApiClient;
import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.List;

/**
 * Checkout, bookings and cancellation over HTTP. The hold's token is also its booking's token; checkout and cancellation
 * also need an API key, and the key's client is the booking's sales channel.
 */
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
    public HttpResponse<BookingView> checkout(@PathVariable String holdId, Bearer bearer, ApiClient client) {
        return switch (checkout.checkout(holdId, bearer.token(), client.id())) {
            case CheckoutOutcome.Checkout done -> HttpResponse.status(done.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(view(done.booking(), bearer.token()));
            case CheckoutOutcome.NoHold none -> throw ProblemException.of(ProblemType.NOT_FOUND,
                    "No hold '" + holdId + "' for this token");
            case CheckoutOutcome.HoldEnded ended -> throw ProblemException.of(ProblemType.HOLD_NOT_ACTIVE, "The hold is "
                    + ended.status() + "; hold the seats again to book them");
            case CheckoutOutcome.ProviderUnavailable unavailable -> throw new ProblemException(Problem.of(
                    ProblemType.PAYMENT_PROVIDER_UNAVAILABLE, "The payment provider does not answer; booking "
                            + unavailable.booking().id() + " is kept, repeat the checkout shortly"),
                    Problems.retryAfter(Duration.ofSeconds(5)), null);
        };
    }

    @Get("/bookings/{bookingId}")
    public BookingView read(@PathVariable String bookingId, Bearer bearer) {
        return bookings.find(bookingId, bearer.token()).map(b -> view(b, null)).orElseThrow(() -> notFound(bookingId));
    }

    /** 200 when cancelled, 202 while the chain is still being told (the booking is {@code CANCELLING}). */
    @Post("/bookings/{bookingId}/cancel")
    public HttpResponse<BookingView> cancel(@PathVariable String bookingId, Bearer bearer, ApiClient client) {
        return switch (bookings.cancel(bookingId, bearer.token())) {
            case Cancellation.Cancelled cancelled -> HttpResponse.ok(view(cancelled.booking(), null));
            case Cancellation.Pending pending -> HttpResponse.accepted().body(view(pending.booking(), null));
            case Cancellation.NoBooking none -> throw notFound(bookingId);
            case Cancellation.NotCancellable refused -> throw ProblemException.of(ProblemType.BOOKING_NOT_CANCELLABLE,
                    refused.reason());
        };
    }

    private BookingView view(Booking booking, @Nullable String token) {
        List<Ticket> tickets = booking.status() == BookingStatus.PENDING_PAYMENT ? List.of() : bookings.tickets(booking.id());
        return BookingView.of(booking, tickets, token);
    }

    /** The same answer for a wrong token as for no booking: nobody learns which booking ids exist. */
    private static ProblemException notFound(String bookingId) {
        return ProblemException.of(ProblemType.NOT_FOUND, "No booking '" + bookingId + "' for this token");
    }
}
