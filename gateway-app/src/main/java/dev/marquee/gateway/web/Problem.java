package dev.marquee.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Objects;

/**
 * An error answer (RFC 9457 {@code application/problem+json}).
 *
 * @param type a stable URI naming the kind of problem; clients branch on it
 * @param title a short summary of the kind, the same for every occurrence
 * @param status the HTTP status
 * @param detail what went wrong this time, for people
 * @param instance the request path it happened on
 * @param invalidParams the parameters at fault, for bad input; null otherwise
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        invalidParams = invalidParams == null ? null : List.copyOf(invalidParams);
    }

    public static Problem of(ProblemType kind, String detail) {
        return new Problem(kind.uri(), kind.title(), kind.status().getCode(), detail, null, null);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, invalidParams);
    }

    public Problem withInvalidParams(List<InvalidParam> params) {
        return new Problem(type, title, status, detail, instance, params.isEmpty() ? null : params);
    }
}
