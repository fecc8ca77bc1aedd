package dev.marquee.sandbox.payments;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * The {@code sandbox.payments.*} settings of the sandbox payment provider (environment variables
 * {@code SANDBOX_PAYMENTS_API_KEY}, …).
 *
 * @param apiKey what the provider API wants as {@code Authorization: Bearer <key>}
 * @param webhookSecret what webhook signatures are made with
 * @param publicBaseUrl where payers reach the hosted page ({@code paymentUrl} starts with it); the
 *     server's own {@code http://localhost:<port>} when not set
 * @param refundDelay how long a refund stays PENDING before it succeeds
 * @param lateDelay how long the webhook of a late-succeeding card (4000 0000 0000 0259) is held back
 * @param webhookInitialBackoff the wait after a failed delivery attempt; doubled after each further one
 * @param webhookMaxBackoff the longest wait between two attempts
 * @param webhookMaxAttempts attempts before a delivery is given up
 * @param webhookTimeout how long one attempt may take, connecting included
 * @param duplicateDelay how much later a duplicated delivery's copy is sent
 */
@ConfigurationProperties("sandbox.payments")
public record PaymentsConfig(
        @Bindable(defaultValue = "sk_test_sandbox") String apiKey,
        @Bindable(defaultValue = "whsec_sandbox") String webhookSecret,
        @Nullable String publicBaseUrl,
        @Bindable(defaultValue = "200ms") Duration refundDelay,
        @Bindable(defaultValue = "60s") Duration lateDelay,
        @Bindable(defaultValue = "1s") Duration webhookInitialBackoff,
        @Bindable(defaultValue = "30s") Duration webhookMaxBackoff,
        @Bindable(defaultValue = "25") int webhookMaxAttempts,
        @Bindable(defaultValue = "5s") Duration webhookTimeout,
        @Bindable(defaultValue = "500ms") Duration duplicateDelay) {

    public PaymentsConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("sandbox.payments.api-key must not be blank");
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("sandbox.payments.webhook-secret must not be blank");
        }
        if (publicBaseUrl != null && publicBaseUrl.isBlank()) {
            publicBaseUrl = null;
        }
        if (publicBaseUrl != null) {
            URI uri;
            try {
                uri = URI.create(publicBaseUrl);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("sandbox.payments.public-base-url must be an absolute URL such as"
                        + " https://pay.example.test, was '" + publicBaseUrl + "'");
            }
            publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        }
        requireNotNegative("sandbox.payments.refund-delay", refundDelay);
        requireNotNegative("sandbox.payments.late-delay", lateDelay);
        requirePositive("sandbox.payments.webhook-initial-backoff", webhookInitialBackoff);
        requirePositive("sandbox.payments.webhook-max-backoff", webhookMaxBackoff);
        requirePositive("sandbox.payments.webhook-timeout", webhookTimeout);
        requireNotNegative("sandbox.payments.duplicate-delay", duplicateDelay);
        if (webhookMaxAttempts < 1) {
            throw new IllegalArgumentException("sandbox.payments.webhook-max-attempts must be at least 1, was "
                    + webhookMaxAttempts);
        }
    }

    /** The wait before attempt {@code attempt + 1} after {@code attempt} failed ones: 1 s, 2 s, 4 s … capped. */
    public Duration backoffAfter(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration wait = webhookInitialBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(webhookMaxBackoff) > 0 ? webhookMaxBackoff : wait;
    }

    private static void requireNotNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, was " + value);
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }
}
