package dev.marquee.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marquee.adapters.CallTiming;
import dev.marquee.adapters.ConfirmedLocks;
import dev.marquee.adapters.rest.ChainHttp.Reply;
import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.ChainContext;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockLookup;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreProtocolException;
import dev.marquee.spi.TheatreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A chain reached over its theatre API ({@code contracts/theatre-api.yaml}).
 *
 * <p>Expected answers become the SPI's outcome values; anything else (timeouts, refused connections,
 * 5xx, bodies that break the contract, statuses the contract does not list) becomes a
 * {@link TheatreException} naming the chain and the call. Thread-safe: the HTTP client is shared.
 */
final class RestTheatreAdapter implements TheatreAdapter {
    private static final String API = "/theatre/v1";
    /** The theatre API's bounds on {@code ttlSeconds}. */
    private static final long MIN_TTL_SECONDS = 1;
    private static final long MAX_TTL_SECONDS = 3600;

    private final String chainId;
    private final RestSettings settings;
    private final ChainHttp http;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    RestTheatreAdapter(ChainContext context, RestSettings settings) {
        this.chainId = context.chainId();
        this.settings = settings;
        this.http = new ChainHttp(chainId, settings, new CallTiming(context), context.requestIds());
    }

    @Override
    public CatalogChanges readCatalog(CatalogCursor since) {
        Objects.requireNonNull(since, "since");
        CatalogAssembly assembly = new CatalogAssembly();
        String cursor = since.value();
        while (true) {
            String call = "readCatalog since " + (cursor.isEmpty() ? "the start" : "cursor " + cursor);
            String query = "?limit=" + settings.pageSize() + (cursor.isEmpty() ? "" : "&since=" + PathSegments.encodeQuery(cursor));
            Reply reply = http.get(call, API + "/catalog" + query);
            if (reply.status() != 200) {
                throw unexpected(reply);
            }
            TheatreJson.CatalogPage page = body(reply, TheatreJson::catalogPage);
            assembly.add(page);
            if (!page.hasMore()) {
                return assembly.changes(new CatalogCursor(page.nextCursor()));
            }
            if (page.nextCursor().equals(cursor)) {
                throw new TheatreProtocolException(chainId, call + ": hasMore is true but nextCursor did not move on", null);
            }
            cursor = page.nextCursor();
        }
    }

    @Override
    public SeatAvailability readSeats(String showRef) {
        String call = "readSeats of show " + showRef;
        Reply reply = http.get(call, API + "/shows/" + PathSegments.encode(showRef) + "/seats");
        if (reply.status() != 200) {
            throw unexpected(reply);
        }
        SeatAvailability seats = body(reply, TheatreJson::seatAvailability);
        if (!seats.showRef().equals(showRef)) {
            throw new TheatreProtocolException(chainId, call + ": answered the seats of show " + seats.showRef(), null);
        }
        return seats;
    }

    @Override
    public LockOutcome lockSeats(SeatLockRequest request) {
        String call = "lockSeats of show " + request.showRef() + " " + request.seatRefs();
        ObjectNode body = json.createObjectNode()
                .put("showId", request.showRef())
                .put("ttlSeconds", ttlSeconds(request.ttl()))
                .put("reference", request.reference());
        request.seatRefs().forEach(body.putArray("seatIds")::add);
        Reply reply = http.post(call, API + "/locks", write(body));
        return switch (reply.status()) {
            case 200, 201 -> body(reply, TheatreJson::lock);
            case 409 -> body(reply, problem -> new LockOutcome.SeatsTaken(problem.texts("seatsTaken")));
            case 422 -> new LockOutcome.Refused(reason(reply));
            default -> throw unexpected(reply);
        };
    }

    @Override
    public ReleaseOutcome release(String lockRef) {
        String call = "release of lock " + lockRef;
        Reply reply = http.delete(call, API + "/locks/" + PathSegments.encode(lockRef));
        return switch (reply.status()) {
            case 204 -> new ReleaseOutcome.Released();
            case 409 -> new ReleaseOutcome.AlreadyConfirmed();
            default -> throw unexpected(reply);
        };
    }

    @Override
    @Deprecated
    public void releaseLock(String lockRef) {
        ConfirmedLocks.refuseRelease(chainId, lockRef, release(lockRef));
    }

    @Override
    public ConfirmOutcome confirm(ConfirmRequest request) {
        String call = "confirm of lock " + request.lockRef();
        String body = write(json.createObjectNode().put("reference", request.reference()));
        Reply reply = http.post(call, API + "/locks/" + PathSegments.encode(request.lockRef()) + "/confirm", body);
        return switch (reply.status()) {
            case 201 -> body(reply, booking -> {
                TheatreJson.Booking confirmed = TheatreJson.booking(booking);
                return new ConfirmOutcome.Confirmed(confirmed.bookingId(), confirmed.tickets());
            });
            case 409 -> alreadyConfirmed(request, body(reply, problem -> problem.text("bookingId")));
            case 410 -> new ConfirmOutcome.LockExpired();
            default -> throw unexpected(reply);
        };
    }

    /**
     * The chain's 409 names the earlier booking but not its tickets, which the gateway needs to finish a
     * retried confirmation; they are read from the booking.
     */
    private ConfirmOutcome.AlreadyConfirmed alreadyConfirmed(ConfirmRequest request, String bookingId) {
        String call = "confirm of lock " + request.lockRef() + ", reading its booking " + bookingId;
        Reply reply = http.get(call, API + "/bookings/" + PathSegments.encode(bookingId));
        if (reply.status() != 200) {
            throw unexpected(reply);
        }
        return body(reply, answer -> {
            TheatreJson.Booking booking = TheatreJson.booking(answer);
            if (!booking.bookingId().equals(bookingId) || !booking.lockId().equals(request.lockRef())) {
                throw new MalformedJsonException("answered booking " + booking.bookingId() + " of lock " + booking.lockId());
            }
            return new ConfirmOutcome.AlreadyConfirmed(booking.bookingId(), booking.tickets());
        });
    }

    @Override
    public CancelOutcome cancelBooking(String bookingRef) {
        String call = "cancelBooking " + bookingRef;
        Reply reply = http.post(call, API + "/bookings/" + PathSegments.encode(bookingRef) + "/cancel");
        return switch (reply.status()) {
            case 200 -> body(reply, booking -> {
                TheatreJson.Booking cancelled = TheatreJson.booking(booking);
                if (!cancelled.status().equals("CANCELLED")) {
                    throw new MalformedJsonException("status is " + cancelled.status() + " after a cancellation");
                }
                return new CancelOutcome.Cancelled();
            });
            case 404 -> new CancelOutcome.NotCancellable("the chain does not know booking " + bookingRef);
            case 422 -> new CancelOutcome.NotCancellable(reason(reply));
            default -> throw unexpected(reply);
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>A chain whose theatre API has no {@code GET /locks} (it answers 404, 405 or 501) cannot be asked:
     * the answer is {@link LockLookup.Unsupported}, never a guess.
     */
    @Override
    public LockLookup findLock(String showRef, String reference) {
        String call = "findLock of show " + showRef + " with reference " + reference;
        Reply reply = http.get(call, API + "/locks?showId=" + PathSegments.encodeQuery(showRef)
                + "&reference=" + PathSegments.encodeQuery(reference));
        return switch (reply.status()) {
            case 200 -> body(reply, found -> TheatreJson.lockLookup(found, showRef, reference));
            case 404, 405, 501 -> new LockLookup.Unsupported();
            default -> throw unexpected(reply);
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>A chain whose theatre API has no {@code GET /bookings} (it answers 404, 405 or 501) cannot be asked:
     * the answer is {@link BookingLookup.Unsupported}, never a guess.
     */
    @Override
    public BookingLookup findBooking(String reference) {
        String call = "findBooking with reference " + reference;
        Reply reply = http.get(call, API + "/bookings?reference=" + PathSegments.encodeQuery(reference));
        return switch (reply.status()) {
            case 200 -> body(reply, found -> TheatreJson.bookingLookup(found, reference));
            case 404, 405, 501 -> new BookingLookup.Unsupported();
            default -> throw unexpected(reply);
        };
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "RestTheatreAdapter[chain=" + chainId + ", " + settings + "]";
    }

    /** The theatre API counts whole seconds from 1 to 3600; a longer lock is cut to the hour it allows. */
    static long ttlSeconds(Duration ttl) {
        long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
        return Math.clamp(seconds, MIN_TTL_SECONDS, MAX_TTL_SECONDS);
    }

    /** Parses a JSON answer and maps it; anything that breaks the contract is a protocol failure. */
    private <T> T body(Reply reply, Function<JsonObject, T> mapping) {
        JsonObject root = parse(reply);
        try {
            return mapping.apply(root);
        } catch (MalformedJsonException | IllegalArgumentException | NullPointerException | DateTimeException e) {
            throw new TheatreProtocolException(chainId,
                    reply.call() + ": the " + reply.status() + " answer breaks the theatre API: " + e.getMessage(), e);
        }
    }

    private JsonObject parse(Reply reply) {
        if (!reply.isJson()) {
            throw new TheatreProtocolException(chainId, reply.call() + ": answered " + reply.status() + " with "
                    + (reply.contentType() == null ? "no Content-Type" : reply.contentType()) + " instead of JSON: "
                    + abbreviate(reply.body()), null);
        }
        if (reply.body().isBlank()) {
            throw new TheatreProtocolException(chainId, reply.call() + ": answered " + reply.status() + " with an empty body", null);
        }
        try {
            return JsonObject.root(json.readTree(reply.body()));
        } catch (JsonProcessingException e) {
            throw new TheatreProtocolException(chainId, reply.call() + ": answered " + reply.status()
                    + " with malformed JSON: " + e.getOriginalMessage() + " in " + abbreviate(reply.body()), e);
        } catch (MalformedJsonException e) {
            throw new TheatreProtocolException(chainId, reply.call() + ": answered " + reply.status() + " with " + e.getMessage(), e);
        }
    }

    /** A problem's detail or title, for a refusal shown to people; a missing or broken problem body still refuses. */
    private String reason(Reply reply) {
        if (reply.isJson()) {
            try {
                JsonNode problem = json.readTree(reply.body());
                for (String field : new String[] {"detail", "title"}) {
                    JsonNode text = problem == null ? null : problem.get(field);
                    if (text != null && text.isTextual() && !text.textValue().isBlank()) {
                        return text.textValue();
                    }
                }
            } catch (JsonProcessingException e) {
                // fall through to the status
            }
        }
        return "the chain refused with HTTP " + reply.status();
    }

    /** A status the contract does not give for this call: 5xx and 429 mean the chain is unavailable, the rest a broken contract. */
    private TheatreException unexpected(Reply reply) {
        String message = reply.call() + ": answered " + reply.status() + problemSummary(reply)
                + (reply.status() == 401 || reply.status() == 403 ? "; check the chain's " + RestSettings.API_KEY + " setting" : "");
        if (reply.status() >= 500 || reply.status() == 429) {
            return new TheatreUnavailableException(chainId, message, null);
        }
        return new TheatreProtocolException(chainId, message, null);
    }

    private String problemSummary(Reply reply) {
        if (reply.body().isBlank()) {
            return "";
        }
        if (reply.isJson()) {
            try {
                JsonNode problem = json.readTree(reply.body());
                if (problem != null && problem.hasNonNull("title")) {
                    return " (" + problem.get("title").asText()
                            + (problem.hasNonNull("detail") ? ": " + problem.get("detail").asText() : "") + ")";
                }
            } catch (JsonProcessingException e) {
                // the raw body below says enough
            }
        }
        return ": " + abbreviate(reply.body());
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + node, e);
        }
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    /** Percent-encoding of ids, which are opaque strings chosen by the chain. */
    static final class PathSegments {
        private PathSegments() {
        }

        static String encode(String segment) {
            StringBuilder out = new StringBuilder();
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                    out.append(c);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
            return out.toString();
        }

        static String encodeQuery(String value) {
            return encode(value);
        }
    }
}
