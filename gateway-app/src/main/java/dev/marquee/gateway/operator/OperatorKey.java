package dev.marquee.gateway.operator;

import dev.marquee.booking.tokens.Tokens;
import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.UnauthorizedException;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that opens the operator API (the waiting room's queues, API clients) ({@code marquee.operator.key}, {@code MARQUEE_OPERATOR_KEY}), sent as
 * {@code Authorization: Bearer <key>}. Unset, the operator API answers every request 401.
 */
@Singleton
public class OperatorKey {
    public static final int MIN_LENGTH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(OperatorKey.class);

    private final byte[] keyHash;

    public OperatorKey(@Value("${marquee.operator.key:}") String key) {
        String stripped = key == null ? "" : key.strip();
        if (!stripped.isEmpty() && stripped.length() < MIN_LENGTH) {
            // Never echo the value: it is a secret.
            throw new ConfigurationException("marquee.operator.key must be at least " + MIN_LENGTH + " characters, or unset");
        }
        this.keyHash = stripped.isEmpty() ? null : Tokens.sha256(stripped);
        LOG.info(keyHash == null ? "The operator API is closed: marquee.operator.key is not set" : "The operator API is open to its key");
    }

    /** Answers 401 unless the request carries the operator key; compared in constant time. */
    public void check(Bearer bearer) {
        if (keyHash == null) {
            throw new UnauthorizedException("The operator API is closed: no operator key is configured (marquee.operator.key)");
        }
        if (!MessageDigest.isEqual(keyHash, Tokens.sha256(bearer.token().strip()))) {
            throw new UnauthorizedException("Send the operator key as 'Authorization: Bearer <operator key>'");
        }
    }
}
