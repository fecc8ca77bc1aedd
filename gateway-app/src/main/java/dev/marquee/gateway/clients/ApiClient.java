package dev.marquee.gateway.clients;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * A consumer booking app that holds an API key. Its id is the sales channel of every booking it checks out.
 *
 * <p>A controller method that takes an {@code ApiClient} argument needs a key: {@link ApiKeyFilter} answers 401
 * without a known, unrevoked key, and 429 over the key's or the customer's limit, before the method runs.
 *
 * @param id the client's id, e.g. {@code cli_…}; the sales channel
 * @param name what the operator called it
 * @param createdAt when its key was issued
 * @param revokedAt when its key was revoked; null while it works
 */
public record ApiClient(String id, String name, Instant createdAt, @Nullable Instant revokedAt) {
    public ApiClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
