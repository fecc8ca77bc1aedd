package dev.marquee.gateway.payment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Duration;

/**
 * The payment provider, from {@code marquee.payments.*}.
 *
 * @param providerUrl the provider API's base URL (the sandbox's by default)
 * @param apiKey the gateway's secret key at the provider
 * @param webhookSecret the secret the provider signs its webhooks with
 * @param webhookTolerance how far a webhook's signed timestamp may be from now (default 5 minutes), so a
 *     captured webhook cannot be replayed later
 * @param notifyUrl where the provider sends webhooks: this gateway's {@code /api/v1/payments/webhook}
 * @param requestTimeout how long one call to the provider may take (default 10 s)
 * @param returnUrl where the provider's payment page sends the customer back, {@code {bookingId}} replaced by the
 *     booking's id: the web app's booking page by default ({@code http://localhost:8080/bookings/{bookingId}})
 */
@ConfigurationProperties("marquee.payments")
public record PaymentSettings(
        @Nullable URI providerUrl,
        @Nullable String apiKey,
        @Nullable String webhookSecret,
        @Nullable Duration webhookTolerance,
        @Nullable URI notifyUrl,
        @Nullable Duration requestTimeout,
        @Nullable String returnUrl) {

    public PaymentSettings {
        providerUrl = providerUrl == null ? URI.create("http://localhost:9101") : providerUrl;
        apiKey = apiKey == null ? "sk_test_sandbox" : apiKey;
        webhookSecret = webhookSecret == null ? "whsec_sandbox" : webhookSecret;
        webhookTolerance = webhookTolerance == null ? Duration.ofMinutes(5) : webhookTolerance;
        notifyUrl = notifyUrl == null ? URI.create("http://localhost:8080/api/v1/payments/webhook") : notifyUrl;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        returnUrl = returnUrl == null ? "http://localhost:8080/bookings/{bookingId}" : returnUrl;
        if (!returnUrl.contains("{bookingId}") || !returnUrl.matches("https?://.+")) {
            throw new ConfigurationException("marquee.payments.return-url must be an http(s) URL with {bookingId} in it, got "
                    + returnUrl);
        }
        if (webhookSecret.isBlank()) {
            throw new ConfigurationException("marquee.payments.webhook-secret must not be blank");
        }
        if (webhookTolerance.isNegative() || webhookTolerance.isZero()) {
            throw new ConfigurationException("marquee.payments.webhook-tolerance must be positive, got " + webhookTolerance);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new ConfigurationException("marquee.payments.request-timeout must be positive, got " + requestTimeout);
        }
    }

    /** Where the customer returns after paying for this booking. */
    public String returnUrlOf(String bookingId) {
        return returnUrl.replace("{bookingId}", java.net.URLEncoder.encode(bookingId, java.nio.charset.StandardCharsets.UTF_8));
    }
}
