package dev.marquee.gateway.accounts;

import dev.marquee.gateway.limits.Limit;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Customer accounts, from {@code marquee.accounts.*}.
 *
 * @param sessionTtl how long a sign-in lasts (the session and its cookie), default 14 days
 * @param accessTokenTtl how long an access token (JWT) is good for, default 1 h, never past its session
 * @param verificationTtl how long an email verification link works, default 48 h
 * @param resetTtl how long a password reset link works, default 30 min
 * @param claimTtl how long a booking claim link works, default 24 h
 * @param bcryptStrength bcrypt's cost (log2 of its rounds), 4 to 31, default 12
 * @param linkBase where the links in emails point: the web pages of accounts, which take the token from the query
 *     ({@code <link-base>/verify-email?token=…}, {@code /reset-password?token=…}, {@code /claim-booking?token=…});
 *     default {@code http://localhost:8080/account}
 * @param tokenKey the HMAC-SHA256 key (32 bytes in base64) that signs access tokens; when blank, one is made once and
 *     kept in the database, so that every instance and restart uses the same one
 * @param signInsPerEmail sign-in attempts (and account deletions) per email in 15 minutes, default 10
 * @param signInsPerAddress sign-in attempts per customer address in 15 minutes, default 100
 * @param emailsPerAddress sign-ups and requests for a reset, claim or verification link per customer address in an hour,
 *     default 20
 * @param emailsPerRecipient reset and repeated verification emails to one address in an hour, default 5
 */
@ConfigurationProperties("marquee.accounts")
public record AccountSettings(
        @Nullable Duration sessionTtl,
        @Nullable Duration accessTokenTtl,
        @Nullable Duration verificationTtl,
        @Nullable Duration resetTtl,
        @Nullable Duration claimTtl,
        @Nullable Integer bcryptStrength,
        @Nullable String linkBase,
        @Nullable String tokenKey,
        @Nullable Integer signInsPerEmail,
        @Nullable Integer signInsPerAddress,
        @Nullable Integer emailsPerAddress,
        @Nullable Integer emailsPerRecipient) {

    static final int KEY_BYTES = 32;

    public AccountSettings {
        sessionTtl = positive(sessionTtl, Duration.ofDays(14), "session-ttl");
        accessTokenTtl = positive(accessTokenTtl, Duration.ofHours(1), "access-token-ttl");
        verificationTtl = positive(verificationTtl, Duration.ofHours(48), "verification-ttl");
        resetTtl = positive(resetTtl, Duration.ofMinutes(30), "reset-ttl");
        claimTtl = positive(claimTtl, Duration.ofHours(24), "claim-ttl");
        bcryptStrength = bcryptStrength == null ? 12 : bcryptStrength;
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new ConfigurationException("marquee.accounts.bcrypt-strength must be 4 to 31, got " + bcryptStrength);
        }
        linkBase = linkBase == null || linkBase.isBlank() ? "http://localhost:8080/account" : linkBase.strip();
        try {
            URI base = URI.create(linkBase);
            if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("marquee.accounts.link-base must be an http(s) URL, got '" + linkBase + "'");
        }
        linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
        if (tokenKey != null && !tokenKey.isBlank()) {
            decode(tokenKey);
        }
        signInsPerEmail = atLeastOne(signInsPerEmail, 10, "sign-ins-per-email");
        signInsPerAddress = atLeastOne(signInsPerAddress, 100, "sign-ins-per-address");
        emailsPerAddress = atLeastOne(emailsPerAddress, 20, "emails-per-address");
        emailsPerRecipient = atLeastOne(emailsPerRecipient, 5, "emails-per-recipient");
    }

    public static AccountSettings defaults() {
        return new AccountSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The configured access token key, if any. */
    Optional<byte[]> tokenKeyBytes() {
        return tokenKey == null || tokenKey.isBlank() ? Optional.empty() : Optional.of(decode(tokenKey));
    }

    Limit signInsPerEmailLimit() {
        return new Limit("sign-ins-per-email", signInsPerEmail, Duration.ofMinutes(15));
    }

    Limit signInsPerAddressLimit() {
        return new Limit("sign-ins-per-address", signInsPerAddress, Duration.ofMinutes(15));
    }

    Limit emailsPerAddressLimit() {
        return new Limit("account-emails-per-address", emailsPerAddress, Duration.ofHours(1));
    }

    Limit emailsPerRecipientLimit() {
        return new Limit("account-emails-per-recipient", emailsPerRecipient, Duration.ofHours(1));
    }

    private static byte[] decode(String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("marquee.accounts.token-key must be base64 (e.g. from `openssl rand -base64 32`)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new ConfigurationException("marquee.accounts.token-key must be " + KEY_BYTES + " bytes in base64, got "
                    + bytes.length + " bytes");
        }
        return bytes;
    }

    private static Duration positive(@Nullable Duration value, Duration fallback, String key) {
        Duration chosen = value == null ? fallback : value;
        if (chosen.isNegative() || chosen.isZero()) {
            throw new ConfigurationException("marquee.accounts." + key + " must be positive, got " + chosen);
        }
        return chosen;
    }

    private static int atLeastOne(@Nullable Integer value, int fallback, String key) {
        int chosen = value == null ? fallback : value;
        if (chosen < 1) {
            throw new ConfigurationException("marquee.accounts." + key + " must be at least 1, got " + chosen);
        }
        return chosen;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AccountSettings[sessionTtl=" + sessionTtl + ", accessTokenTtl=" + accessTokenTtl + ", resetTtl=" + resetTtl
                + ", bcryptStrength=" + bcryptStrength + ", linkBase=" + linkBase + ", tokenKey="
                + (tokenKey == null || tokenKey.isBlank() ? "unset" : "set") + "]";
    }
}
