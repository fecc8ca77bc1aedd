package dev.marquee.sandbox.http;

import dev.marquee.sandbox.Database;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error the sandbox answers is {@code application/problem+json}. */
final class ProblemHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {
    }

    /** Micronaut's own errors (unreadable JSON, unknown route, wrong method, …) as problems. */
    @Singleton
    @Replaces(ErrorResponseProcessor.class)
    static final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {
        @Override
        @NonNull
        public MutableHttpResponse<Map<String, Object>> processResponse(@NonNull ErrorContext context,
                @NonNull MutableHttpResponse<?> response) {
            HttpStatus status = response.status();
            Problem problem = isPaymentsApi(context.getRequest()) ? switch (status) {
                case BAD_REQUEST -> Problem.PAYMENT_BAD_REQUEST;
                case NOT_FOUND -> Problem.PAYMENT_NOTHING_HERE;
                case METHOD_NOT_ALLOWED -> Problem.PAYMENT_METHOD_NOT_ALLOWED;
                case UNAUTHORIZED -> Problem.PAYMENT_UNAUTHORIZED;
                case SERVICE_UNAVAILABLE -> Problem.PAYMENT_UNAVAILABLE;
                default -> null;
            } : switch (status) {
                case BAD_REQUEST -> Problem.BAD_REQUEST;
                case NOT_FOUND -> Problem.NOT_FOUND;
                case METHOD_NOT_ALLOWED -> Problem.METHOD_NOT_ALLOWED;
                case UNAUTHORIZED -> Problem.UNAUTHORIZED;
                case SERVICE_UNAVAILABLE -> Problem.UNAVAILABLE;
                default -> null;
            };
            String detail = context.getErrors().stream()
                    .map(e -> e.getMessage())
                    .collect(Collectors.joining("; "));
            Map<String, Object> body = problem != null ? problem.body(detail.isBlank() ? null : detail) : generic(status, detail);
            return response.body(body).contentType(Problem.PROBLEM_JSON);
        }

        private static boolean isPaymentsApi(HttpRequest<?> request) {
            return request != null && request.getPath().startsWith("/payments/");
        }

        private static Map<String, Object> generic(HttpStatus status, String detail) {
            Map<String, Object> body = Problem.INTERNAL.body(detail.isBlank() ? null : detail);
            body.put("status", status.getCode());
            body.put("title", status.getReason());
            return body;
        }
    }

    @Singleton
    @Produces
    static final class ProblemExceptionHandler implements ExceptionHandler<Problem.ProblemException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, Problem.ProblemException exception) {
            return exception.response();
        }
    }

    @Singleton
    @Produces
    static final class DatabaseExceptionHandler implements ExceptionHandler<Database.DatabaseException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, Database.DatabaseException exception) {
            LOG.warn("{} {} failed in the database: {}", request.getMethod(), request.getPath(), exception.getMessage());
            if (ProblemErrorResponseProcessor.isPaymentsApi(request)) {
                return Problem.PAYMENT_UNAVAILABLE.response("The payment provider's database failed; try again");
            }
            return Problem.UNAVAILABLE.response("The theatre's database failed; try again");
        }
    }
}
