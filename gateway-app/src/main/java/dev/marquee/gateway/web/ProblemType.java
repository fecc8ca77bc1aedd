package dev.marquee.gateway.web;

import io.micronaut.http.HttpStatus;

/** The kinds of problem the gateway answers with, each with a stable type URI. */
public enum ProblemType {
    INVALID_PARAMETERS("invalid-parameters", "Invalid request parameters", HttpStatus.BAD_REQUEST),
    BAD_REQUEST("bad-request", "Bad request", HttpStatus.BAD_REQUEST),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    ROUTE_NOT_FOUND("route-not-found", "No such resource", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request too large", HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    CHAIN_UNAVAILABLE("chain-unavailable", "Theatre chain unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    SEATS_TAKEN("seats-taken", "Seats already taken", HttpStatus.CONFLICT),
    SHOW_NOT_BOOKABLE("show-not-bookable", "Show cannot be booked", HttpStatus.UNPROCESSABLE_ENTITY),
    HOLD_LIMIT_REACHED("hold-limit-reached", "Hold limit reached", HttpStatus.UNPROCESSABLE_ENTITY),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused with another request", HttpStatus.UNPROCESSABLE_ENTITY),
    REQUEST_IN_PROGRESS("request-in-progress", "Request with this idempotency key in progress", HttpStatus.CONFLICT),
    HOLD_ALREADY_PLACED("hold-already-placed", "Hold of this idempotency key already placed", HttpStatus.CONFLICT),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
    UNAUTHORIZED("unauthorized", "Token required", HttpStatus.UNAUTHORIZED),
    API_KEY_REQUIRED("api-key-required", "API key required", HttpStatus.UNAUTHORIZED),
    WEBHOOK_SIGNATURE_INVALID("webhook-signature-invalid", "Webhook signature invalid", HttpStatus.UNAUTHORIZED),
    HOLD_NOT_ACTIVE("hold-not-active", "Hold no longer active", HttpStatus.CONFLICT),
    BOOKING_NOT_CANCELLABLE("booking-not-cancellable", "Booking cannot be cancelled", HttpStatus.CONFLICT),
    DATABASE_UNAVAILABLE("database-unavailable", "Gateway's database unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    PAYMENT_PROVIDER_UNAVAILABLE("payment-provider-unavailable", "Payment provider unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    TICKET_NOT_GENUINE("ticket-not-genuine", "Ticket not genuine", HttpStatus.UNPROCESSABLE_ENTITY),
    TICKET_ALREADY_USED("ticket-already-used", "Ticket already used", HttpStatus.CONFLICT),
    TICKET_VOID("ticket-void", "Ticket cancelled", HttpStatus.CONFLICT),
    SHOW_ENDED("show-ended", "Show has ended", HttpStatus.UNPROCESSABLE_ENTITY),
    WRONG_CINEMA("wrong-cinema", "Ticket for another cinema", HttpStatus.UNPROCESSABLE_ENTITY),
    QUEUE_ADMISSION_REQUIRED("queue-admission-required", "Queue admission required", HttpStatus.FORBIDDEN),
    QUEUE_NOT_ACTIVE("queue-not-active", "Show not in queue mode", HttpStatus.CONFLICT),
    EMAIL_TAKEN("email-taken", "Email already has an account", HttpStatus.CONFLICT),
    SIGN_IN_FAILED("sign-in-failed", "Email or password not accepted", HttpStatus.UNAUTHORIZED),
    CSRF_TOKEN_REQUIRED("csrf-token-required", "CSRF token required", HttpStatus.FORBIDDEN),
    PASSWORD_INCORRECT("password-incorrect", "Password incorrect", HttpStatus.FORBIDDEN),
    INTERNAL("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    /** Problem type URIs live under this base; they name kinds and need not resolve. */
    public static final String BASE = "https://marquee.dev/problems/";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The kind Micronaut's own errors of a status map to, when nothing more precise is known. */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> ROUTE_NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 401 -> UNAUTHORIZED;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> CHAIN_UNAVAILABLE;
            default -> INTERNAL;
        };
    }
}
