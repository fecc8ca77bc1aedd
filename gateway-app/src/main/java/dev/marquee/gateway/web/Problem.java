package dev.marquee.gateway.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An error answer (RFC 9457 {@code application/problem+json}).
 *
 * @param type a stable URI naming the kind of problem; clients branch on it
 * @param title a short summary of the kind, the same for every occurrence
 * @param status the HTTP status
 * @param detail what went wrong this time, for people
 * @param instance the request path it happened on
 * @param invalidParams the parameters at fault, for bad input; null otherwise
 * @param extensions further members a kind of problem carries beside the standard ones ("seatsTaken",
 *     "checkedInAt"), written at the top level of the answer
 */
@Serdeable.Serializable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable List<InvalidParam> invalidParams,
        @JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Most characters of a value from the request that a problem repeats back ({@link #quote}). */
    static final int MAX_ECHO = 100;
    /**
     * Most characters of a detail, a reason or an instance. Whatever built them, a problem never carries
     * unbounded input back to the client (a 60 KB id in a body, say).
     */
    static final int MAX_TEXT = 1000;
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "invalidParams");

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? null : cut(detail, MAX_TEXT);
        instance = instance == null ? null : cut(instance, MAX_TEXT);
        invalidParams = invalidParams == null ? null : List.copyOf(invalidParams);
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
            @Nullable List<InvalidParam> invalidParams) {
        this(type, title, status, detail, instance, invalidParams, Map.of());
    }

    /** A value from the request, quoted for a detail or a reason; a long one is cut short, marked with "…". */
    public static String quote(String value) {
        return "'" + cut(value, MAX_ECHO) + "'";
    }

    /** The text, or its first {@code max} characters and "…". */
    static String cut(String text, int max) {
        if (text.length() <= max || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
    }

    public static Problem of(ProblemType kind, String detail) {
        return new Problem(kind.uri(), kind.title(), kind.status().getCode(), detail, null, null);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, invalidParams, extensions);
    }

    public Problem withInvalidParams(List<InvalidParam> params) {
        return new Problem(type, title, status, detail, instance, params.isEmpty() ? null : params, extensions);
    }

    /** This problem with one more member beside the standard ones; its name must not be a standard member's. */
    public Problem with(String name, Object value) {
        if (STANDARD_MEMBERS.contains(name)) {
            throw new IllegalArgumentException(name + " is a standard problem member, not an extension");
        }
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, Objects.requireNonNull(value, name));
        return new Problem(type, title, status, detail, instance, invalidParams, more);
    }
}
