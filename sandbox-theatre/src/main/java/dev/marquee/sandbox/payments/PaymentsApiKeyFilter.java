package dev.marquee.sandbox.payments;

import dev.marquee.sandbox.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The provider API answers only requests with {@code Authorization: Bearer <sandbox.payments.api-key>}.
 * The hosted page ({@code /pay/**}) is the payer's and needs no key.
 */
@ServerFilter("/payments/**")
public class PaymentsApiKeyFilter {
    private final byte[] expected;

    public PaymentsApiKeyFilter(PaymentsConfig config) {
        this.expected = ("Bearer " + config.apiKey()).getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> requireKey(HttpRequest<?> request) {
        String given = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return Problem.PAYMENT_UNAUTHORIZED.response(given == null
                ? "Send the header Authorization: Bearer <key>" : "The API key is not valid")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
