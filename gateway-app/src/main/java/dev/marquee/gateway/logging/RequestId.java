package dev.marquee.gateway.logging;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The id of the HTTP request a piece of work is done for. It comes in as {@code X-Request-Id} (from a balancer or
 * the client) or is made here, goes back in the answer's header, is in the MDC as {@code requestId} so every log line
 * of the request carries it, goes to the chain as a header on adapter calls and travels with the request's outbox
 * messages, so that the consumers' lines carry it too.
 */
public final class RequestId {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Short enough to sit in every log line; only characters that need no quoting in a header, a log or JSON. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestId() {
    }

    /** Whether an incoming id can be taken as it is; anything else is replaced by a new one, never repeated. */
    public static boolean acceptable(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }

    /** The id of the request this thread works for; empty for the gateway's own work (a sync, a sweeper). */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY)).filter(RequestId::acceptable);
    }
}
