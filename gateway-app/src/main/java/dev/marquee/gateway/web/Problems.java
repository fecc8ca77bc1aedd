package dev.marquee.gateway.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

/** Turns a {@link Problem} into its HTTP answer. */
public final class Problems {
    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, Problem problem) {
        return HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(problem.instance() == null ? problem.withInstance(request.getPath()) : problem);
    }
}
