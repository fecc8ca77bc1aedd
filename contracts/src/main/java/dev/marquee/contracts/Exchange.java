package dev.marquee.contracts;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request and the answer it got, as a test observed them.
 *
 * @param method the request method ("GET")
 * @param uri the request URI (path and query are checked)
 * @param requestHeaders headers the document may constrain (such as {@code Idempotency-Key}); may be empty
 * @param requestBody the JSON body sent, or null
 * @param status the response status
 * @param responseContentType the response's Content-Type, or null when there was no body
 * @param responseBody the response body, or null
 */
public record Exchange(
        String method,
        URI uri,
        Map<String, String> requestHeaders,
        String requestBody,
        int status,
        String responseContentType,
        String responseBody) {

    public Exchange {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        requestHeaders = Map.copyOf(Objects.requireNonNull(requestHeaders, "requestHeaders"));
    }
}
