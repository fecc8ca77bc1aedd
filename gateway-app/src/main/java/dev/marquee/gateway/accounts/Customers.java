package dev.marquee.gateway.accounts;

import jakarta.inject.Singleton;
import java.util.Optional;

/** Who a cookie or an access token signs in: the customer of a live session, if there is one. */
@Singleton
class Customers {
    private final Accounts accounts;
    private final AccessTokens tokens;

    Customers(Accounts accounts, AccessTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    Optional<Customer> byAccessToken(String token) {
        return tokens.read(token).flatMap(claims -> accounts.session(claims.sessionId())
                .filter(session -> session.accountId().equals(claims.accountId())))
                .map(session -> new Customer(session.accountId(), session.id()));
    }

    Optional<Customer> byCookie(String cookie) {
        return accounts.sessionOfCookie(cookie).map(session -> new Customer(session.accountId(), session.id()));
    }
}
