package dev.marquee.gateway.web;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * The token of an {@code Authorization: Bearer <token>} header.
 *
 * @deprecated take a {@link Bearer} argument instead, which answers a missing token with the one 401; to be
 *     removed once the booking and waitlist controllers do
 */
@Deprecated(forRemoval = true)
public final class BearerToken {
    private BearerToken() {
    }

    public static Optional<String> from(@Nullable String authorization) {
        return Bearer.parse(authorization).map(Bearer::token);
    }
}
