package dev.marquee.gateway.accounts;

import java.util.Objects;

/**
 * The signed-in customer behind a request, from the {@code marquee_session} cookie or an access token (see
 * {@link CustomerFilter}). A controller takes it as an argument: required, a request without one is answered 401; or
 * {@code @Nullable}, for routes that guests use too.
 *
 * @param sessionId the session the cookie or token belongs to
 */
public record Customer(String accountId, String sessionId) {
    public Customer {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
