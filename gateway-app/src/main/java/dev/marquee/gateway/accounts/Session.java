package dev.marquee.gateway.accounts;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in session: what the {@code marquee_session} cookie names (as the SHA-256 of its value) and what the access
 * tokens issued with it name by {@code id}. Revoked when the customer signs out.
 */
public record Session(String id, String accountId, String cookieHash, Instant createdAt, Instant expiresAt) {
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(cookieHash, "cookieHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
