package dev.marquee.gateway.web;

import dev.marquee.gateway.db.SqlErrors;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Makes Micronaut's own error answers (unknown route, a parameter that does not convert, a missing
 * parameter, an unsupported media type, an unhandled exception) problems too, so a client parses one
 * error format whatever failed.
 */
@Singleton
@Primary
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    /** How {@code invalidParams} names a request body at fault, as Micronaut does for a missing one. */
    static final String BODY = "body";
    /** Seconds a client waits before trying again while the database is unreachable; a restart takes a few. */
    static final String DATABASE_RETRY_AFTER = "5";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        if (response.code() >= 500 && context.getRootCause().filter(SqlErrors::isDatabaseUnreachable).isPresent()) {
            // The database is down or restarting (a crash, a failover): a retry soon may succeed, so say so.
            Problem problem = Problem.of(ProblemType.DATABASE_UNAVAILABLE,
                    "The gateway cannot reach its database just now; nothing was done, try again shortly");
            response.status(ProblemType.DATABASE_UNAVAILABLE.status()).header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER);
            return response.contentType(Problem.MEDIA_TYPE).body(problem.withInstance(context.getRequest().getPath()));
        }
        int status = response.code();
        List<InvalidParam> params = context.getRootCause().filter(JsonSyntaxException.class::isInstance).isPresent()
                ? unreadableBody(context)
                : context.getErrors().stream()
                        .flatMap(e -> e.getPath().map(path -> new InvalidParam(parameterName(path), e.getMessage())).stream())
                        .toList();
        ProblemType kind = status == 400 && !params.isEmpty() ? ProblemType.INVALID_PARAMETERS : ProblemType.forStatus(status);
        Problem problem = new Problem(kind.uri(), kind.title(), status, detail(context, kind, status), context.getRequest().getPath(), null)
                .withInvalidParams(params);
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    private static String detail(ErrorContext context, ProblemType kind, int status) {
        if (status >= 500) {
            // Never echo internals (exception messages, SQL) to clients; the server log has them.
            return "The gateway could not answer this request";
        }
        Optional<String> first = context.getErrors().stream().map(Error::getMessage).findFirst();
        return first.orElse(kind.title());
    }

    /** JSON that does not parse has no field at fault: the body as a whole is. */
    private static List<InvalidParam> unreadableBody(ErrorContext context) {
        String reason = context.getErrors().stream().map(Error::getMessage).findFirst().orElse("Invalid JSON");
        return List.of(new InvalidParam(BODY, reason));
    }

    /** Micronaut names parameters by path ("/lat", "search.q"); clients know them by name alone. */
    static String parameterName(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
