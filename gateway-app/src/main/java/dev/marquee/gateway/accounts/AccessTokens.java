package dev.marquee.gateway.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens: JWTs (nimbus-jose-jwt) signed with HMAC-SHA256 under the gateway's own key, naming the account
 * ({@code sub}) and the session ({@code sid}) they were issued with. The gateway both issues and checks them, so a
 * shared secret serves; checking also asks whether the session still lives, so signing out ends its tokens too.
 */
public final class AccessTokens {
    static final String ISSUER = "marquee-gateway";
    private static final String SESSION_CLAIM = "sid";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public AccessTokens(byte[] key, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the access token key must be at least 256 bits", e);
        }
        this.clock = clock;
    }

    /** A token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[token=…, expiresAt=" + expiresAt + "]";
        }
    }

    /** What a genuine, unexpired token names. */
    public record Claims(String accountId, String sessionId) {
    }

    /** A token for a session, good for {@code ttl} or until the session expires, whichever comes first. */
    public Issued issue(Session session, Duration ttl) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl).isBefore(session.expiresAt()) ? now.plus(ttl) : session.expiresAt();
        // JWT times are whole seconds.
        expires = Instant.ofEpochSecond(expires.getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(session.accountId())
                .claim(SESSION_CLAIM, session.id()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /** The claims of a token this gateway signed and that has not expired; empty for anything else. */
    public Optional<Claims> read(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            Object session = claims.getClaim(SESSION_CLAIM);
            if (!ISSUER.equals(claims.getIssuer()) || expires == null || !clock.instant().isBefore(expires.toInstant())
                    || claims.getSubject() == null || !(session instanceof String sessionId)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(claims.getSubject(), sessionId));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
