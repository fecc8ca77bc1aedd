package dev.marquee.gateway.secrets;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.util.Base64;
import java.util.Optional;

/**
 * The server key, from {@code marquee.secrets.*}.
 *
 * @param key the AES-256 key that seals what the gateway keeps but must not keep in plain text (bearer tokens in
 *     kept answers and waitlist offers), 32 bytes in base64 ({@code MARQUEE_SECRETS_KEY}, e.g. from
 *     {@code openssl rand -base64 32}); when blank, a key is made once and kept in the database so that every gateway
 *     instance and every restart uses the same one
 */
@ConfigurationProperties("marquee.secrets")
public record SecretsSettings(@Nullable String key) {
    static final int KEY_BYTES = 32;

    public SecretsSettings {
        if (key != null && !key.isBlank()) {
            decode(key);
        }
    }

    /** The configured key, if any. */
    Optional<byte[]> keyBytes() {
        return key == null || key.isBlank() ? Optional.empty() : Optional.of(decode(key));
    }

    private static byte[] decode(String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("marquee.secrets.key must be base64 (e.g. from `openssl rand -base64 32`)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new ConfigurationException("marquee.secrets.key must be " + KEY_BYTES + " bytes in base64, got " + bytes.length
                    + " bytes");
        }
        return bytes;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SecretsSettings[key=" + (key == null || key.isBlank() ? "unset" : "set") + "]";
    }
}
