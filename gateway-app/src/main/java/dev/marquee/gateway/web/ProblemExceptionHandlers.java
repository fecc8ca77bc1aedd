package dev.marquee.gateway.web;

import dev.marquee.spi.TheatreException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the gateway's own exceptions to problem answers; each handler is one line of policy. */
final class ProblemExceptionHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandlers.class);

    private ProblemExceptionHandlers() {
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = {InvalidParametersException.class, ExceptionHandler.class})
    static final class InvalidParameters implements ExceptionHandler<InvalidParametersException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, InvalidParametersException e) {
            Problem problem = Problem.of(ProblemType.INVALID_PARAMETERS, e.getMessage()).withInvalidParams(e.params());
            return Problems.response(request, problem);
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = {NotFoundException.class, ExceptionHandler.class})
    static final class NotFound implements ExceptionHandler<NotFoundException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, NotFoundException e) {
            return Problems.response(request, Problem.of(ProblemType.NOT_FOUND, e.getMessage()));
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = {ServiceUnavailableException.class, ExceptionHandler.class})
    static final class Unavailable implements ExceptionHandler<ServiceUnavailableException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ServiceUnavailableException e) {
            return unavailable(request, e.getMessage(), e.retryAfter());
        }
    }

    /** A chain failure that no service turned into an answer of its own. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = {TheatreException.class, ExceptionHandler.class})
    static final class ChainFailed implements ExceptionHandler<TheatreException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, TheatreException e) {
            LOG.warn("{} {} failed because chain {} did: {}", request.getMethod(), request.getPath(), e.chainId(), e.getMessage());
            return unavailable(request, "Theatre chain '" + e.chainId() + "' does not answer; try again shortly",
                    Duration.ofSeconds(10));
        }
    }

    private static HttpResponse<Problem> unavailable(HttpRequest<?> request, String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return Problems.response(request, Problem.of(ProblemType.CHAIN_UNAVAILABLE, detail))
                .header("Retry-After", Long.toString(seconds));
    }
}
