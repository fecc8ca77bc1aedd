package dev.marquee.gateway.accounts;

import java.time.Instant;
import java.util.Optional;

/** Where sessions are kept. */
public interface SessionStore {

    void insert(Session session);

    /** The session, unless it was revoked; whether it expired is the caller's rule. */
    Optional<Session> session(String sessionId);

    /** The session whose cookie has this SHA-256, unless it was revoked. */
    Optional<Session> sessionByCookie(String cookieHash);

    void revoke(String sessionId, Instant now);

    /** Revokes every session of an account (a new password, a deleted account). */
    void revokeAll(String accountId, Instant now);
}
