package dev.marquee.gateway.web;

import java.util.Map;
import java.util.Objects;

/**
 * Ends a request with a problem answer. Thrown anywhere below a controller, it is answered by the one
 * handler in {@link ProblemExceptionHandlers} through {@link Problems#response}, so every problem the
 * gateway writes comes out the same way.
 */
public class ProblemException extends RuntimeException {
    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of(), null);
    }

    /**
     * @param problem the answer's body; its {@code instance} is filled in from the request path when null
     * @param headers headers the answer carries besides the body, such as {@code Retry-After}
     * @param cause what went wrong underneath, for the log; never shown to the client
     */
    public ProblemException(Problem problem, Map<String, String> headers, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").detail() == null ? problem.title() : problem.detail(), cause);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException of(ProblemType kind, String detail) {
        return new ProblemException(Problem.of(kind, detail));
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
