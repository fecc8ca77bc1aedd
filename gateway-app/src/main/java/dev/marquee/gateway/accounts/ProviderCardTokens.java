package dev.marquee.gateway.accounts;

import dev.marquee.gateway.payment.PaymentSettings;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Saved cards at the payment provider ({@code GET /payments/v1/payment-methods/{id}}, contracts/payment-provider-api.yaml),
 * with the gateway's provider key: the provider, not the customer's app, says which brand and last four digits a token
 * stands for.
 */
@Singleton
class ProviderCardTokens implements CardTokens {
    private final PaymentSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    ProviderCardTokens(PaymentSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    @Override
    public Optional<Account.SavedCard> card(String providerToken) {
        HttpRequest request = HttpRequest.newBuilder(settings.providerUrl().resolve("/payments/v1/payment-methods/"
                        + URLEncoder.encode(providerToken, StandardCharsets.UTF_8)))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + settings.apiKey())
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable("the payment provider does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while calling the payment provider", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("the payment provider answered " + response.statusCode() + " to a saved card", null);
        }
        try {
            PaymentMethod method = json.readValue(response.body(), PaymentMethod.class);
            return Optional.of(new Account.SavedCard(providerToken, method.brand(), method.last4()));
        } catch (IOException | RuntimeException e) {
            throw new Unavailable("the payment provider answered an unreadable saved card", e);
        }
    }

    /** What the provider says of a saved card. */
    @Serdeable
    record PaymentMethod(String paymentMethodId, String brand, String last4) {
    }
}
