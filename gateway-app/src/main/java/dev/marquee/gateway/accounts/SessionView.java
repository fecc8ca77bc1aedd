package dev.marquee.gateway.accounts;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A sign-in's answer: an access token for apps (the browser has the cookie too), and the account. */
@Serdeable
public record SessionView(String accessToken, String tokenType, Instant expiresAt, AccountView account) {
}
