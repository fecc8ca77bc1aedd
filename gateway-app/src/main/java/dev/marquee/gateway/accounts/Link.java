package dev.marquee.gateway.accounts;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use link sent by email, kept as the SHA-256 of its token.
 *
 * @param subject what the link is about: the email to verify, the email to reset, the booking to claim
 * @param usedAt when it was followed; null while unused
 */
public record Link(String tokenHash, Purpose purpose, String accountId, String subject, Instant createdAt, Instant expiresAt,
        Instant usedAt) {

    public Link {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the link may be followed now: unused, and before it expires. */
    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    /** What a link is for. */
    public enum Purpose {
        VERIFY_EMAIL, RESET_PASSWORD, CLAIM_BOOKING
    }
}
