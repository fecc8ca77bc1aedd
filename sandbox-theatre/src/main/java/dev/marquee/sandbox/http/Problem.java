package dev.marquee.sandbox.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors the sandbox answers with, as RFC 9457 problems. The {@code type} URIs are stable: clients
 * may switch on them (theatre-api.yaml lists the theatre API's, payment-provider-api.yaml the payment
 * provider's, which start with {@link #PAYMENTS_TYPE_BASE}).
 */
public enum Problem {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad-request", "The request is malformed"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid API key is required"),
    SHOW_NOT_FOUND(HttpStatus.NOT_FOUND, "show-not-found", "No such show"),
    BOOKING_NOT_FOUND(HttpStatus.NOT_FOUND, "booking-not-found", "No such booking"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Nothing here"),
    SEATS_TAKEN(HttpStatus.CONFLICT, "seats-taken", "Some seats are held or sold"),
    LOCK_CONFIRMED(HttpStatus.CONFLICT, "lock-confirmed", "The lock was confirmed; cancel the booking instead"),
    ALREADY_CONFIRMED(HttpStatus.CONFLICT, "already-confirmed", "The lock was confirmed before"),
    LOCK_GONE(HttpStatus.GONE, "lock-gone", "The lock expired, was released or never existed"),
    UNKNOWN_SHOW(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-show", "No such show"),
    SHOW_NOT_BOOKABLE(HttpStatus.UNPROCESSABLE_ENTITY, "show-not-bookable", "The show is cancelled or has started"),
    UNKNOWN_SEAT(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-seat", "A seat is not in the show's hall"),
    SHOW_STARTED(HttpStatus.UNPROCESSABLE_ENTITY, "show-started", "The show has started; the booking cannot be cancelled"),
    UNKNOWN_MOVIE(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-movie", "No such movie"),
    UNKNOWN_HALL(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-hall", "No such hall"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "The theatre system is unavailable"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error"),

    PAYMENT_BAD_REQUEST(HttpStatus.BAD_REQUEST, Api.PAYMENTS, "bad-request", "The request is malformed"),
    PAYMENT_UNAUTHORIZED(HttpStatus.UNAUTHORIZED, Api.PAYMENTS, "unauthorized", "A valid API key is required"),
    PAYMENT_NOT_FOUND(HttpStatus.NOT_FOUND, Api.PAYMENTS, "payment-not-found", "No such payment"),
    PAYMENT_NOTHING_HERE(HttpStatus.NOT_FOUND, Api.PAYMENTS, "not-found", "Nothing here"),
    PAYMENT_METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, Api.PAYMENTS, "method-not-allowed", "Method not allowed"),
    REFERENCE_CONFLICT(HttpStatus.CONFLICT, Api.PAYMENTS, "reference-conflict",
            "A payment with this reference exists with another amount or currency"),
    PAYMENT_NOT_REFUNDABLE(HttpStatus.CONFLICT, Api.PAYMENTS, "payment-not-succeeded",
            "Only a succeeded payment can be refunded"),
    PAYMENT_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, Api.PAYMENTS, "unavailable", "The payment provider is unavailable");

    public static final String TYPE_BASE = "https://marquee.dev/problems/theatre/";
    public static final String PAYMENTS_TYPE_BASE = "https://marquee.dev/problems/payments/";
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    /** Whose problem it is: the theatre API's or the payment provider's. */
    enum Api {
        THEATRE, PAYMENTS
    }

    private final HttpStatus status;
    private final Api api;
    private final String slug;
    private final String title;

    Problem(HttpStatus status, String slug, String title) {
        this(status, Api.THEATRE, slug, title);
    }

    Problem(HttpStatus status, Api api, String slug, String title) {
        this.status = status;
        this.api = api;
        this.slug = slug;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return (api == Api.PAYMENTS ? PAYMENTS_TYPE_BASE : TYPE_BASE) + slug;
    }

    /** The problem body; {@code detail} may be null. */
    public Map<String, Object> body(String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type());
        body.put("title", title);
        body.put("status", status.getCode());
        if (detail != null) {
            body.put("detail", detail);
        }
        return body;
    }

    public MutableHttpResponse<Map<String, Object>> response(String detail) {
        return respond(status, body(detail));
    }

    /** This problem, naming the request field at fault. */
    public MutableHttpResponse<Map<String, Object>> withField(String field, String detail) {
        Map<String, Object> body = body(detail);
        body.put("field", field);
        return respond(status, body);
    }

    public MutableHttpResponse<Map<String, Object>> seatsTaken(List<String> seatIds) {
        Map<String, Object> body = body("Seats held or sold: " + String.join(", ", seatIds));
        body.put("seatsTaken", List.copyOf(seatIds));
        return respond(status, body);
    }

    public MutableHttpResponse<Map<String, Object>> withBooking(String bookingId) {
        Map<String, Object> body = body("The lock became booking " + bookingId);
        body.put("bookingId", bookingId);
        return respond(status, body);
    }

    private static MutableHttpResponse<Map<String, Object>> respond(HttpStatus status, Map<String, Object> body) {
        return HttpResponse.<Map<String, Object>>status(status).body(body).contentType(PROBLEM_JSON);
    }

    /** Thrown by request checks; answered as this problem. */
    public ProblemException exception(String detail) {
        return new ProblemException(this, detail, null);
    }

    /** Thrown by request checks; answered as this problem naming the request field at fault. */
    public ProblemException fieldException(String field, String detail) {
        return new ProblemException(this, detail, field);
    }

    public static final class ProblemException extends RuntimeException {
        private final Problem problem;
        private final String field;

        ProblemException(Problem problem, String detail, String field) {
            super(detail);
            this.problem = problem;
            this.field = field;
        }

        public Problem problem() {
            return problem;
        }

        /** The request field at fault, or null. */
        public String field() {
            return field;
        }

        public MutableHttpResponse<Map<String, Object>> response() {
            return field == null ? problem.response(getMessage()) : problem.withField(field, getMessage());
        }
    }
}
