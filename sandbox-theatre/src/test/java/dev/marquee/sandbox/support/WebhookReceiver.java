package dev.marquee.sandbox.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A merchant's webhook endpoint on this machine: records every POST it gets and answers as told (200
 * unless {@link #failFirst} says otherwise). It can go down and come back on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntUnaryOperator answer = n -> 200;
    private HttpServer server;
    private int port;

    /**
     * One POST as it arrived.
     *
     * @param nanos {@link System#nanoTime()} on arrival
     * @param signature the {@code Payment-Signature} header
     * @param answered the status it was answered with
     */
    public record Received(long nanos, String signature, String contentType, byte[] body, int answered) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String eventId() {
            return json().path("id").asText();
        }

        public String type() {
            return json().path("type").asText();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public WebhookReceiver() {
        start(0);
    }

    /** Where to point a payment's {@code notifyUrl}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/payments";
    }

    /** Answers the first {@code n} requests with {@code status}, then 200. */
    public WebhookReceiver failFirst(int n, int status) {
        answer = count -> count <= n ? status : 200;
        return this;
    }

    /** Stops listening: deliveries meet a refused connection until {@link #comeBack()}. */
    public synchronized void goDown() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public synchronized void comeBack() {
        start(port);
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} requests were answered 2xx; returns all received. */
    public List<Received> awaitAccepted(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> now = received();
            if (now.stream().filter(r -> r.answered() / 100 == 2).count() >= count) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " accepted webhooks within " + timeout.toMillis() + " ms, got "
                        + now.stream().map(r -> r.type() + "=" + r.answered()).toList());
            }
            sleep(10);
        }
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }

    private void start(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hooks/payments", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = answer.applyAsInt(requests.incrementAndGet());
        synchronized (this) {
            received.add(new Received(System.nanoTime(), exchange.getRequestHeaders().getFirst("Payment-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
