package dev.marquee.gateway.logging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request id over HTTP: taken from {@code X-Request-Id} when it is safe, made otherwise, returned in the answer,
 * in the MDC of the threads that serve the request, and sent to the chain on adapter calls (a stubbed chain here).
 */
class RequestIdTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static WireMockServer chain;
    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        chain = new WireMockServer(options().dynamicPort());
        chain.start();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "test.request-id-probe", "true",
                "marquee.sync.enabled", "false",
                "flyway.datasources.default.enabled", "false",
                "marquee.chains.probe.name", "Probe Pictures",
                "marquee.chains.probe.adapter", "rest",
                "marquee.chains.probe.settings.base-url", chain.baseUrl()), "test");
    }

    @AfterAll
    static void stop() {
        server.close();
        chain.stop();
    }

    private static HttpResponse<String> send(String path, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        if (requestId != null) {
            request.header(RequestId.HEADER, requestId);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String answered(HttpResponse<String> response) {
        return response.headers().firstValue(RequestId.HEADER).orElse(null);
    }

    @Test
    void aSafeIncomingIdIsKeptAndReturned() {
        assertThat(answered(send("/health/liveness", "lb-7f3a.01:edge_2"))).isEqualTo("lb-7f3a.01:edge_2");
    }

    @Test
    void withoutOneAnIdIsMadeAndReturned() {
        assertThat(answered(send("/health/liveness", null))).matches(UUID);
    }

    @Test
    void anUnsafeOrOverlongIdIsReplacedNotRepeated() {
        assertThat(answered(send("/health/liveness", "<script>alert(1)</script>"))).matches(UUID);
        assertThat(answered(send("/health/liveness", "a b"))).matches(UUID);
        assertThat(answered(send("/health/liveness", "x".repeat(65)))).matches(UUID);
        assertThat(answered(send("/health/liveness", "x".repeat(64)))).isEqualTo("x".repeat(64));
    }

    @Test
    void anAnswerMadeByAnotherFilterCarriesItToo() {
        HttpResponse<String> refused = send("/api/v1/cities/", "req-refused");

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(answered(refused)).isEqualTo("req-refused");
    }

    @Test
    void theThreadsServingTheRequestHaveItInTheirMdc() {
        assertThat(send("/test/request-id/event-loop", "req-loop").body()).isEqualTo("req-loop");
        assertThat(send("/test/request-id/blocking", "req-blocking").body()).isEqualTo("req-blocking");
        assertThat(send("/test/request-id/blocking", null).body()).matches(UUID);
    }

    @Test
    void theChainIsSentTheRequestsIdOnAdapterCalls() {
        chain.stubFor(get(urlPathEqualTo("/theatre/v1/shows/s1/seats")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"showId\":\"s1\",\"readAt\":\"2026-11-21T19:30:00Z\",\"held\":[],\"sold\":[]}")));

        HttpResponse<String> answer = send("/test/request-id/chain", "req-to-the-chain");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        chain.verify(getRequestedFor(urlPathEqualTo("/theatre/v1/shows/s1/seats"))
                .withHeader(RequestId.HEADER, equalTo("req-to-the-chain")));
    }
}
