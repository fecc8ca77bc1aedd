package dev.marquee.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.contracts.Exchange;
import dev.marquee.contracts.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Calls the running gateway as a client would and checks every exchange against
 * {@code contracts/gateway-api.yaml}: an answer the document does not allow fails the test.
 */
public final class ApiClient {
    private static final OpenApiContract CONTRACT = OpenApiContract.gatewayApi();
    private static final OpenApiContract ANSWERS = OpenApiContract.answersOf(OpenApiContract.GATEWAY_API);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiClient(URL base) {
        this.base = URI.create(base.toString());
    }

    /** GETs a documented resource and checks the exchange against the contract. */
    public Answer get(String pathAndQuery) {
        Answer answer = send("GET", pathAndQuery, null, null);
        CONTRACT.assertConforms(new Exchange("GET", base.resolve(pathAndQuery), Map.of(), null, answer.status(),
                answer.contentType(), answer.body()));
        return answer;
    }

    /** Sends a documented request with headers and a JSON body (or none) and checks the exchange against the contract. */
    public Answer call(String method, String pathAndQuery, Map<String, String> headers, String jsonBody) {
        Answer answer = send(method, pathAndQuery, jsonBody == null ? null : "application/json", jsonBody, headers);
        CONTRACT.assertConforms(new Exchange(method, base.resolve(pathAndQuery), headers, jsonBody, answer.status(),
                answer.contentType(), answer.body()));
        return answer;
    }

    /**
     * Sends a request the document may not allow (malformed on purpose) and checks only the answer against
     * the document.
     */
    public Answer probe(String method, String pathAndQuery, Map<String, String> headers) {
        Answer answer = send(method, pathAndQuery, null, null, headers);
        ANSWERS.assertConforms(new Exchange(method, base.resolve(pathAndQuery), headers, null, answer.status(),
                answer.contentType(), answer.body()));
        return answer;
    }

    /** Sends anything, without the contract check: for requests the document does not describe. */
    public Answer send(String method, String pathAndQuery, String contentType, String body) {
        return send(method, pathAndQuery, contentType, body, Map.of());
    }

    private Answer send(String method, String pathAndQuery, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the gateway answered. */
    public record Answer(int status, String contentType, String retryAfter, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith(Problem.MEDIA_TYPE);
        }

        /** The names in the problem's {@code invalidParams}. */
        public java.util.List<String> invalidParamNames() {
            java.util.List<String> names = new java.util.ArrayList<>();
            json().path("invalidParams").forEach(p -> names.add(p.path("name").asText()));
            return names;
        }

        /** The reason the problem's {@code invalidParams} gives for one parameter, or "" when it names no such parameter. */
        public String invalidParamReason(String name) {
            for (JsonNode param : json().path("invalidParams")) {
                if (param.path("name").asText().equals(name)) {
                    return param.path("reason").asText();
                }
            }
            return "";
        }
    }
}
