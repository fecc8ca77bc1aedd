package dev.marquee.sandbox.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.contracts.Exchange;
import dev.marquee.contracts.OpenApiContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain HTTP client for the sandbox. Every exchange with the theatre API is checked against
 * contracts/theatre-api.yaml, so each integration test is a contract test too.
 */
public final class TheatreHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract THEATRE_API = OpenApiContract.theatreApi();
    /** Judges only the answers, for requests that break the document on purpose. */
    private static final OpenApiContract THEATRE_ANSWERS = OpenApiContract.answersOf(OpenApiContract.THEATRE_API);

    private final URI base;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean malformedOnPurpose;

    public TheatreHttp(URI base) {
        this.base = base;
    }

    public TheatreHttp withHeader(String name, String value) {
        TheatreHttp copy = copy();
        copy.headers.put(name, value);
        return copy;
    }

    /**
     * A client for requests that break the document on purpose (a missing required parameter, a body of
     * the wrong shape). The answer is still checked against the document; only the request is not judged.
     */
    public TheatreHttp malformed() {
        TheatreHttp copy = copy();
        copy.malformedOnPurpose = true;
        return copy;
    }

    private TheatreHttp copy() {
        TheatreHttp copy = new TheatreHttp(base);
        copy.headers.putAll(headers);
        copy.malformedOnPurpose = malformedOnPurpose;
        return copy;
    }

    public record Answer(int status, String contentType, String body, JsonNode json) {
        public String text(String field) {
            return json.path(field).asText();
        }
    }

    public Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    public Answer post(String path, String json) {
        return send("POST", path, json);
    }

    public Answer put(String path, String json) {
        return send("PUT", path, json);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(String method, String pathAndQuery, String body) {
        URI uri = base.resolve(pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            String text = response.body();
            if (uri.getPath().startsWith("/theatre/")) {
                (malformedOnPurpose ? THEATRE_ANSWERS : THEATRE_API).assertConforms(new Exchange(method, uri, headers, body, response.statusCode(),
                        contentType, text == null || text.isEmpty() ? null : text));
            }
            JsonNode json = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            return new Answer(response.statusCode(), contentType, text, json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
