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
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Calls the running gateway as a client would and checks every exchange against
 * {@code contracts/gateway-api.yaml}: an answer the document does not allow fails the test. Every request carries the
 * suite's API key ({@link #TEST_KEY}, the demo key the tests' gateways register) unless the request names its own
 * {@value #API_KEY} header or the client was made {@link #withoutKey()}.
 */
public final class ApiClient {
    /** The header of an API key. */
    public static final String API_KEY = "X-Api-Key";
    /** The API key every test gateway registers as its demo key ({@code marquee.api-clients.demo-key}). */
    public static final String TEST_KEY = "api-key-of-the-test-suite";

    private static final OpenApiContract CONTRACT = OpenApiContract.gatewayApi();
    private static final OpenApiContract ANSWERS = OpenApiContract.answersOf(OpenApiContract.GATEWAY_API);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiClient(URL base) {
        this(URI.create(base.toString()), TEST_KEY);
    }

    private ApiClient(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** The same gateway, called with another API key. */
    public ApiClient withKey(String key) {
        return new ApiClient(base, key);
    }

    /** The API key this client sends; null when it sends none. */
    public String apiKey() {
        return apiKey;
    }

    /** The same gateway, called without an API key, as a client that has none. */
    public ApiClient withoutKey() {
        return new ApiClient(base, null);
    }

    /** The headers as sent: with the client's API key unless they name one. */
    private Map<String, String> keyed(Map<String, String> headers) {
        if (apiKey == null || headers.keySet().stream().anyMatch(API_KEY::equalsIgnoreCase)) {
            return headers;
        }
        Map<String, String> sent = new java.util.LinkedHashMap<>(headers);
        sent.put(API_KEY, apiKey);
        return sent;
    }

    /** GETs a documented resource and checks the exchange against the contract. */
    public Answer get(String pathAndQuery) {
        Answer answer = send("GET", pathAndQuery, null, null);
        CONTRACT.assertConforms(new Exchange("GET", base.resolve(pathAndQuery), keyed(Map.of()), null, answer.status(),
                answer.contentType(), answer.body()));
        return answer;
    }

    /** Sends a documented request with headers and a JSON body (or none) and checks the exchange against the contract. */
    public Answer call(String method, String pathAndQuery, Map<String, String> headers, String jsonBody) {
        Answer answer = send(method, pathAndQuery, jsonBody == null ? null : "application/json", jsonBody, headers);
        CONTRACT.assertConforms(new Exchange(method, base.resolve(pathAndQuery), keyed(headers), jsonBody, answer.status(),
                answer.contentType(), answer.body()));
        return answer;
    }

    /**
     * Sends a request the document may not allow (malformed on purpose) and checks only the answer against
     * the document.
     */
    public Answer probe(String method, String pathAndQuery, Map<String, String> headers) {
        Answer answer = send(method, pathAndQuery, null, null, headers);
        ANSWERS.assertConforms(new Exchange(method, base.resolve(pathAndQuery), keyed(headers), null, answer.status(),
                answer.contentType(), answer.body()));
        return answer;
    }

    /**
     * Sends a body of any bytes with any Content-Type (or none, when null), unchecked: {@link #judge} checks
     * the answer.
     */
    public Answer probe(String method, String pathAndQuery, Map<String, String> headers, String contentType, byte[] body) {
        return sendBytes(method, pathAndQuery, contentType, body, headers);
    }

    /** Fails unless the document allows this answer to this operation, whatever the request was. */
    public void judge(String method, String pathAndQuery, Answer answer) {
        ANSWERS.assertConforms(new Exchange(method, base.resolve(pathAndQuery), Map.of(), null, answer.status(),
                answer.contentType(), answer.body()));
    }

    /**
     * Writes a request as bytes on a socket of its own, for what an HTTP client library refuses to send
     * (control characters and non-ASCII text in header values). Each header line is written as UTF-8. A
     * connection closed without an answer fails; {@link #judge} checks the answer.
     */
    public Answer probeRaw(String method, String pathAndQuery, java.util.List<String> headerLines, byte[] body) {
        java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n");
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        if (apiKey != null && headerLines.stream().noneMatch(line -> line.regionMatches(true, 0, API_KEY + ":", 0, API_KEY.length() + 1))) {
            head.append(API_KEY).append(": ").append(apiKey).append("\r\n");
        }
        request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        request.writeBytes(body);
        byte[] raw;
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toByteArray());
            socket.getOutputStream().flush();
            raw = socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RawAnswer.parse(raw);
    }

    /** Sends anything, without the contract check: for requests the document does not describe. */
    public Answer send(String method, String pathAndQuery, String contentType, String body) {
        return send(method, pathAndQuery, contentType, body, Map.of());
    }

    /** Sends a request without a body with these headers, without the contract check. */
    public Answer send(String method, String pathAndQuery, Map<String, String> headers) {
        return send(method, pathAndQuery, null, null, headers);
    }

    private Answer send(String method, String pathAndQuery, String contentType, String body, Map<String, String> headers) {
        return sendBytes(method, pathAndQuery, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private Answer sendBytes(String method, String pathAndQuery, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        keyed(headers).forEach(request::header);
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

    /** An HTTP/1.1 answer read off a socket: its status line, headers, and a body by length or in chunks. */
    private static final class RawAnswer {
        static Answer parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("the connection closed without an answer: " + text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunked(body);
            }
            return new Answer(status, headers.get("content-type"), headers.get("retry-after"),
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }

        private static String unchunked(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
