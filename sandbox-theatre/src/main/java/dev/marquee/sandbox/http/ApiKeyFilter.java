package dev.marquee.sandbox.http;

import dev.marquee.sandbox.SandboxConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** When {@code sandbox.api-key} is set, the theatre API answers only requests carrying it as a bearer token. */
@ServerFilter("/theatre/**")
public class ApiKeyFilter {
    private final byte[] expected;

    public ApiKeyFilter(SandboxConfig config) {
        this.expected = config.apiKey() == null ? null : ("Bearer " + config.apiKey()).getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> requireKey(HttpRequest<?> request) {
        if (expected == null) {
            return null;
        }
        String given = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return Problem.UNAUTHORIZED.response(given == null
                ? "Send the header Authorization: Bearer <key>" : "The API key is not valid")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
