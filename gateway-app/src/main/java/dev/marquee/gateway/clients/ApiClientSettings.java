package dev.marquee.gateway.clients;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * API clients, from {@code marquee.api-clients.*}.
 *
 * @param demoKey a key registered at startup as the client {@value ApiClients#DEMO_CLIENT_ID}, for the embedded demo
 *     (which the README shows); unset in production, where keys are issued through the operator API
 * @param keyCache how long an instance trusts what it read about a key: a key revoked on another instance stops
 *     working here within this time (at once on the instance that revoked it); default 5 s
 */
@ConfigurationProperties("marquee.api-clients")
public record ApiClientSettings(@Nullable String demoKey, @Nullable Duration keyCache) {
    static final int MIN_KEY_LENGTH = 16;

    public ApiClientSettings {
        demoKey = demoKey == null || demoKey.isBlank() ? null : demoKey.strip();
        keyCache = keyCache == null ? Duration.ofSeconds(5) : keyCache;
        if (demoKey != null && demoKey.length() < MIN_KEY_LENGTH) {
            // Never echo the value: it is a secret.
            throw new ConfigurationException("marquee.api-clients.demo-key must be at least " + MIN_KEY_LENGTH
                    + " characters, or unset");
        }
        if (keyCache.isNegative()) {
            throw new ConfigurationException("marquee.api-clients.key-cache must not be negative, got " + keyCache);
        }
    }
}
