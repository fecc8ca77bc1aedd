package dev.marquee.adapters.rest;

import dev.marquee.adapters.CallTiming;
import dev.marquee.spi.RequestIds;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreTimeoutException;
import dev.marquee.spi.TheatreUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends one request to the chain and turns what the network does wrong into {@link TheatreException}s.
 * What the chain answered (any status) comes back as a {@link Reply}; judging it is the caller's job.
 * Nothing is ever retried here: whether a call is safe to repeat is the gateway's decision.
 */
final class ChainHttp implements AutoCloseable {
    private static final String USER_AGENT = "marquee-rest-adapter";

    private final String chainId;
    private final RestSettings settings;
    private final HttpClient client;
    private final CallTiming timing;
    private final RequestIds requestIds;

    ChainHttp(String chainId, RestSettings settings, CallTiming timing, RequestIds requestIds) {
        this.chainId = chainId;
        this.settings = settings;
        this.timing = timing;
        this.requestIds = requestIds;
        // Callers block in send(); on virtual threads that costs nothing. The client's own tasks (reading an
        // answer, completing the caller's future) never block, so they run where they arise, mostly on its
        // selector thread, instead of each being handed to a new thread first. With few calls in flight, as on
        // a gateway's hold path, that cut the client's CPU time per call by about a third (docs/benchmarks.md).
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Runnable::run)
                .build();
    }

    /**
     * What the chain answered.
     *
     * @param call what was called, for messages ("lockSeats of show 42")
     * @param status the HTTP status
     * @param contentType the Content-Type header, or null
     * @param body the body, empty when there was none
     */
    record Reply(String call, int status, String contentType, String body) {
        /** Whether the body claims to be JSON ({@code application/json} or any {@code +json} type). */
        boolean isJson() {
            if (contentType == null) {
                return false;
            }
            String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        }
    }

    Reply get(String call, String pathAndQuery) {
        return send(call, request(pathAndQuery).GET());
    }

    Reply post(String call, String path, String json) {
        return send(call, request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** A POST without a body, for actions named by the path alone. */
    Reply post(String call, String path) {
        return send(call, request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply delete(String call, String path) {
        return send(call, request(path).DELETE());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery))
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", USER_AGENT);
        settings.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        // The gateway request this call is made for, so the chain's logs can be matched with the gateway's.
        requestIds.current().ifPresent(id -> builder.header(RequestIds.HEADER, id));
        return builder;
    }

    /** One request, reported to the metrics as failed when it threw or the chain answered that it is unavailable. */
    private Reply send(String call, HttpRequest.Builder builder) {
        long started = CallTiming.start();
        Reply reply = null;
        try {
            reply = exchange(call, builder.build());
            return reply;
        } finally {
            timing.report(call, started, reply == null || reply.status() >= 500 || reply.status() == 429);
        }
    }

    private Reply exchange(String call, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(call, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body() == null ? "" : response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new TheatreUnavailableException(chainId,
                    call + ": could not connect to " + settings.baseUrl() + " within " + settings.connectTimeout(), e);
        } catch (HttpTimeoutException e) {
            throw new TheatreTimeoutException(chainId,
                    call + ": no answer within " + settings.requestTimeout() + " (" + request.method() + " " + request.uri() + ")", e);
        } catch (ConnectException e) {
            throw new TheatreUnavailableException(chainId, call + ": could not connect to " + settings.baseUrl() + ": " + e, e);
        } catch (IOException e) {
            // A reset, a half-closed connection or a garbled transfer: the network or the chain broke mid-call.
            throw new TheatreUnavailableException(chainId,
                    call + ": the connection failed (" + request.method() + " " + request.uri() + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TheatreUnavailableException(chainId, call + ": interrupted while waiting for the chain", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
