package dev.marquee.gateway.web;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;
import java.util.Optional;

/**
 * The token a request presents as {@code Authorization: Bearer <token>}. A controller takes it as a method
 * argument; {@link BearerArgumentBinder} fills it in, or answers 401 before the controller runs.
 *
 * @param token the token as sent, never blank; not printed by {@link #toString()}
 */
public record Bearer(String token) {
    static final String SCHEME = "Bearer";

    public Bearer {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
    }

    /** The token of an {@code Authorization} header value; empty when there is none or the scheme is not Bearer. */
    public static Optional<Bearer> parse(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length() + 1).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(new Bearer(token));
    }

    @Override
    public String toString() {
        // Tokens open holds, bookings and doors: keep them out of logs and exception messages.
        return "Bearer[token=…]";
    }
}
