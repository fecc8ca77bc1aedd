package dev.marquee.gateway.payment;

import dev.marquee.booking.payments.PaymentProvider;
import dev.marquee.booking.payments.PaymentProviderException;
import dev.marquee.spi.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** The provider's HTTP API (see contracts/payment-provider-api.yaml). */
@Singleton
public class HttpPaymentProvider implements PaymentProvider {
    private final PaymentSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    public HttpPaymentProvider(PaymentSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    @Override
    public OpenPayment open(PaymentOrder order) {
        CreatePayment body = new CreatePayment(order.reference(), order.amount().amount().toPlainString(),
                order.amount().currency(), order.description(), order.email(), settings.notifyUrl().toString(),
                settings.returnUrlOf(order.reference()));
        HttpResponse<String> response = send(post("/payments/v1/payments", body, order.reference()));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw refused("opening a payment for " + order.reference(), response);
        }
        PaymentView payment = read(response, PaymentView.class);
        return new OpenPayment(payment.paymentId(), URI.create(payment.paymentUrl()));
    }

    @Override
    public String refund(String paymentId, String reason) {
        HttpResponse<String> response = send(post("/payments/v1/payments/" + paymentId + "/refunds", new CreateRefund(reason),
                "refund-" + paymentId));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw refused("refunding payment " + paymentId, response);
        }
        return read(response, RefundView.class).refundId();
    }

    @Override
    public Optional<PaymentState> find(String paymentId) {
        HttpRequest request = HttpRequest.newBuilder(settings.providerUrl().resolve("/payments/v1/payments/"
                        + URLEncoder.encode(paymentId, StandardCharsets.UTF_8)))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + settings.apiKey())
                .GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw refused("reading payment " + paymentId, response);
        }
        PaymentRead payment = read(response, PaymentRead.class);
        try {
            return Optional.of(new PaymentState(payment.paymentId(), payment.reference(),
                    PaymentState.Status.valueOf(payment.status()), new Money(new BigDecimal(payment.amount()), payment.currency()),
                    payment.paidAt()));
        } catch (RuntimeException e) {
            throw new PaymentProviderException("the payment provider answered an unreadable payment " + paymentId + ": " + e,
                    true, e);
        }
    }

    private HttpRequest post(String path, Object body, String idempotencyKey) {
        try {
            return HttpRequest.newBuilder(settings.providerUrl().resolve(path))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + settings.apiKey())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a provider request", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PaymentProviderException("the payment provider does not answer: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentProviderException("interrupted while calling the payment provider", true, e);
        }
    }

    private <T> T read(HttpResponse<String> response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new PaymentProviderException("the payment provider answered an unreadable body", true, e);
        }
    }

    private static PaymentProviderException refused(String what, HttpResponse<String> response) {
        boolean transientFailure = response.statusCode() >= 500 || response.statusCode() == 429;
        String body = response.body() == null ? "" : response.body();
        return new PaymentProviderException("the payment provider answered " + response.statusCode() + " to " + what + ": "
                + body.substring(0, Math.min(300, body.length())), transientFailure, null);
    }

    @Serdeable
    record CreatePayment(String reference, String amount, String currency, String description, String customerEmail,
            String notifyUrl, String returnUrl) {
    }

    @Serdeable
    record CreateRefund(String reason) {
    }

    @Serdeable
    record PaymentView(String paymentId, String paymentUrl, @Nullable String status) {
    }

    @Serdeable
    record PaymentRead(String paymentId, String reference, String status, String amount, String currency,
            @Nullable Instant paidAt) {
    }

    @Serdeable
    record RefundView(String refundId, @Nullable String status) {
    }
}
