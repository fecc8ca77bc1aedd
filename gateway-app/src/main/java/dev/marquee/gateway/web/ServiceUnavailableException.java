package dev.marquee.gateway.web;

import java.time.Duration;

/** The gateway cannot answer now because a chain does not; answered 503 with {@code Retry-After}. */
public class ServiceUnavailableException extends ProblemException {
    private final Duration retryAfter;

    public ServiceUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(Problem.of(ProblemType.CHAIN_UNAVAILABLE, message), Problems.retryAfter(retryAfter), cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
