package dev.marquee.gateway.web;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/** The token of an {@code Authorization: Bearer <token>} header. */
public final class BearerToken {
    private BearerToken() {
    }

    public static Optional<String> from(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
