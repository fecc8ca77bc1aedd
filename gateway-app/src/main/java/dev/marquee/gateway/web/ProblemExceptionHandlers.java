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

/** Maps exceptions to problem answers: the gateway's own carry their problem, a chain's failure becomes a 503. */
final class ProblemExceptionHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandlers.class);
    private static final Duration CHAIN_RETRY_AFTER = Duration.ofSeconds(10);

    private ProblemExceptionHandlers() {
    }

    /** Every {@link ProblemException}: bad parameters, unknown ids, a missing token, a chain that is down. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = {ProblemException.class, ExceptionHandler.class})
    static final class Answered implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ProblemException e) {
            LOG.debug("{} {} answered {}: {}", request.getMethod(), request.getPath(), e.problem().status(), e.problem().type());
            return Problems.response(request, e.problem(), e.headers());
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
            Problem problem = Problem.of(ProblemType.CHAIN_UNAVAILABLE, "Theatre chain '" + e.chainId()
                    + "' does not answer; try again shortly");
            return Problems.response(request, problem, Problems.retryAfter(CHAIN_RETRY_AFTER));
        }
    }
}
