package dev.marquee.sandbox.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for the sandbox payment provider: its API (with the key), its hosted page and its
 * admin API. Every exchange is checked against contracts/payment-provider-api.yaml or
 * contracts/sandbox-admin-api.yaml, so each payment test is a contract test too.
 */
public final class PaymentHttp {
    public static final String KEY = "sk_test_sandbox";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final PaymentContracts contracts = PaymentContracts.load();
    private boolean malformedOnPurpose;

    public PaymentHttp(URI base) {
        this.base = base;
        headers.put("Authorization", "Bearer " + KEY);
    }

    /** A client sending these headers instead of the right key (none when {@code authorization} is null). */
    public PaymentHttp withAuthorization(String authorization) {
        PaymentHttp copy = copy();
        copy.headers.remove("Authorization");
        if (authorization != null) {
            copy.headers.put("Authorization", authorization);
        }
        return copy;
    }

    /**
     * A client for requests that break the document on purpose (missing fields, no key): only the
     * answer is judged, against a well-formed request to the same operation.
     */
    public PaymentHttp malformed() {
        PaymentHttp copy = copy();
        copy.malformedOnPurpose = true;
        return copy;
    }

    private PaymentHttp copy() {
        PaymentHttp copy = new PaymentHttp(base);
        copy.headers.clear();
        copy.headers.putAll(headers);
        copy.malformedOnPurpose = malformedOnPurpose;
        return copy;
    }

    public record Answer(int status, String contentType, String body, JsonNode json) {
        public String text(String field) {
            return json.path(field).asText();
        }
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer post(String path, Object json) {
        return send("POST", path, "application/json", json instanceof String s ? s : json(json));
    }

    public Answer put(String path, Object json) {
        return send("PUT", path, "application/json", json instanceof String s ? s : json(json));
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Posts an HTML form, as a browser does. */
    public Answer form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, "application/x-www-form-urlencoded", body);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(String method, String path, String contentType, String body) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String responseType = response.headers().firstValue("Content-Type").orElse(null);
            String text = response.body();
            Map<String, String> checkedHeaders = malformedOnPurpose ? Map.of("Authorization", "Bearer " + KEY) : headers;
            String checkedBody = malformedOnPurpose && body != null ? standIn(uri.getPath()) : body;
            contracts.assertConforms(new PaymentContracts.Observed(method, uri, checkedHeaders, contentType, checkedBody,
                    response.statusCode(), responseType, text == null || text.isEmpty() ? null : text));
            boolean isJson = responseType != null && responseType.contains("json") && text != null && !text.isBlank();
            return new Answer(response.statusCode(), responseType, text,
                    isJson ? JSON.readTree(text) : JSON.createObjectNode());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String standIn(String path) {
        if (path.endsWith("/refunds")) {
            return "{\"reason\":\"stand-in\"}";
        }
        if (path.endsWith("/webhooks")) {
            return "{}";
        }
        return json(PaymentRequests.payment("stand-in").notifyUrl("http://127.0.0.1:1/hook").build());
    }
}
