package dev.marquee.gateway.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** Turns a {@link Problem} into its HTTP answer, or into the text of one for an answer kept to replay. */
public final class Problems {
    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, Problem problem) {
        return response(request, problem, Map.of());
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, Problem problem, Map<String, String> headers) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(at(request, problem));
        headers.forEach(response::header);
        return response;
    }

    /**
     * The problem as the JSON text {@link #response} would answer with, for a controller that keeps an answer
     * to replay it later (idempotent requests); answer it again with {@link #replay}.
     */
    public static String json(JsonMapper json, HttpRequest<?> request, Problem problem) {
        try {
            return json.writeValueAsString(at(request, problem));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write problem " + problem.type(), e);
        }
    }

    /** A kept problem text answered again, with the status it was first answered with. */
    public static MutableHttpResponse<String> replay(int status, String problemJson) {
        return HttpResponse.<String>status(HttpStatus.valueOf(status)).contentType(Problem.MEDIA_TYPE).body(problemJson);
    }

    /** The {@code Retry-After} header for a wait, in whole seconds rounded up, at least one. */
    public static Map<String, String> retryAfter(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Map.of("Retry-After", Long.toString(seconds));
    }

    private static Problem at(HttpRequest<?> request, Problem problem) {
        return problem.instance() == null ? problem.withInstance(request.getPath()) : problem;
    }
}
