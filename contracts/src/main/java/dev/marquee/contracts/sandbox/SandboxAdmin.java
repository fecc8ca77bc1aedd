package dev.marquee.contracts.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sandbox's admin API ({@code /sandbox/v1}, see {@code contracts/sandbox-admin-api.yaml}): what a
 * test needs to change a chain behind the gateway's back. Every change bumps catalogue revisions, so
 * an incremental catalogue read after it sees it.
 */
public final class SandboxAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    /** An admin client for a sandbox already running at {@code baseUrl}. */
    public SandboxAdmin(URI baseUrl) {
        this.base = Objects.requireNonNull(baseUrl, "baseUrl");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The chain's name, seed, size and counts. */
    public Info info() {
        JsonNode body = call("GET", "/sandbox/v1/info", null, 200);
        JsonNode counts = body.path("counts");
        return new Info(
                body.path("chainName").asText(),
                body.path("seed").asLong(),
                body.path("size").asText(),
                body.path("currency").asText(),
                body.path("lockTtlSeconds").asLong(),
                new Counts(counts.path("cities").asInt(), counts.path("cinemas").asInt(), counts.path("halls").asInt(),
                        counts.path("movies").asInt(), counts.path("shows").asInt()));
    }

    /** Adds a 2D show in the movie's original language; returns the new show's id. */
    public String addShow(String movieId, String hallId, Instant startsAt) {
        return addShow(movieId, hallId, startsAt, null, null);
    }

    /** Adds a show; {@code format} and {@code language} may be null for the defaults. Returns its id. */
    public String addShow(String movieId, String hallId, Instant startsAt, String format, String language) {
        ObjectNode request = JSON.createObjectNode()
                .put("movieId", movieId)
                .put("hallId", hallId)
                .put("startsAt", startsAt.toString());
        if (format != null) {
            request.put("format", format);
        }
        if (language != null) {
            request.put("language", language);
        }
        return call("POST", "/sandbox/v1/shows", request, 201).path("id").asText();
    }

    /** Moves a show to another start time in the same hall. */
    public void moveShow(String showId, Instant startsAt) {
        moveShow(showId, startsAt, null);
    }

    /** Moves a show to another start time and, when {@code hallId} is not null, another hall. */
    public void moveShow(String showId, Instant startsAt, String hallId) {
        ObjectNode request = JSON.createObjectNode().put("startsAt", startsAt.toString());
        if (hallId != null) {
            request.put("hallId", hallId);
        }
        call("POST", "/sandbox/v1/shows/" + showId + "/move", request, 200);
    }

    /** Cancels a show: it is listed as CANCELLED and refuses locks from now on. */
    public void cancelShow(String showId) {
        call("POST", "/sandbox/v1/shows/" + showId + "/cancel", JSON.createObjectNode(), 200);
    }

    /** Sells seats at the chain's box office, bypassing any gateway. */
    public BoxOfficeSale sell(String showId, List<String> seatIds) {
        ObjectNode request = JSON.createObjectNode().put("showId", showId);
        seatIds.forEach(request.putArray("seatIds")::add);
        Answer answer = send("POST", "/sandbox/v1/box-office/sales", request);
        if (answer.status() == 201) {
            List<String> ticketIds = new ArrayList<>();
            answer.body().path("tickets").forEach(t -> ticketIds.add(t.path("ticketId").asText()));
            return new BoxOfficeSale.Sold(answer.body().path("bookingId").asText(), ticketIds);
        }
        if (answer.status() == 409) {
            List<String> taken = new ArrayList<>();
            answer.body().path("seatsTaken").forEach(s -> taken.add(s.asText()));
            return new BoxOfficeSale.SeatsTaken(taken);
        }
        throw unexpected("POST", "/sandbox/v1/box-office/sales", answer);
    }

    /**
     * Regenerates the catalogue from the seed and drops every lock and booking; drops every payment and
     * pending webhook delivery, and restores normal deliveries.
     */
    public void reset() {
        call("POST", "/sandbox/v1/reset", JSON.createObjectNode(), 204);
    }

    /** The faults in force on the theatre API. */
    public Faults faults() {
        return faultsOf(call("GET", "/sandbox/v1/faults", null, 200));
    }

    /**
     * Replaces the faults in force on the theatre API (what {@code faults} leaves out is off) and
     * restarts the sandbox's draws from their seed. Returns what the sandbox now applies.
     */
    public Faults faults(Faults faults) {
        ObjectNode request = JSON.createObjectNode()
                .put("latencyMs", faults.latency().toMillis())
                .put("latencyJitterMs", faults.latencyJitter().toMillis())
                .put("errorRate", faults.errorRate())
                .put("outage", faults.outage())
                .put("outageMode", faults.outageMode().wireName())
                .put("refuseLocks", faults.refuseLocks());
        if (faults.seed() != null) {
            request.put("seed", faults.seed());
        }
        return faultsOf(call("PUT", "/sandbox/v1/faults", request, 200));
    }

    /** Switches every fault off: the theatre API answers normally again. */
    public void clearFaults() {
        call("DELETE", "/sandbox/v1/faults", null, 204);
    }

    /**
     * Pays a payment at the sandbox payment provider as its hosted page's Pay button would, with a test
     * card ({@code 4242 4242 4242 4242} succeeds, {@code 4000 0000 0000 0002} is declined, see
     * contracts/payment-provider-api.yaml). Returns the payment's status afterwards.
     */
    public PaymentStatus pay(String paymentId, String card) {
        ObjectNode request = JSON.createObjectNode().put("card", Objects.requireNonNull(card, "card"));
        return PaymentStatus.valueOf(call("POST", "/sandbox/v1/payments/" + paymentId + "/pay", request, 200)
                .path("status").asText());
    }

    /** How webhook deliveries behave now. */
    public WebhookSettings webhookSettings() {
        return webhookSettingsOf(call("GET", "/sandbox/v1/payments/webhooks", null, 200));
    }

    /**
     * Makes webhook deliveries misbehave: duplicated with probability {@code duplicateRate}, each first
     * held back a random 0..{@code reorderWindowMs}, or all {@code paused}. Replaces every setting.
     */
    public WebhookSettings webhookSettings(double duplicateRate, long reorderWindowMs, boolean paused) {
        return webhookSettings(new WebhookSettings(duplicateRate, reorderWindowMs, paused));
    }

    /** Replaces every webhook delivery setting; returns what the sandbox now applies. */
    public WebhookSettings webhookSettings(WebhookSettings settings) {
        ObjectNode request = JSON.createObjectNode()
                .put("duplicateRate", settings.duplicateRate())
                .put("reorderWindowMs", settings.reorderWindowMs())
                .put("paused", settings.paused());
        return webhookSettingsOf(call("PUT", "/sandbox/v1/payments/webhooks", request, 200));
    }

    /** Normal webhook deliveries again; what queued up while paused goes out. */
    public void clearWebhookSettings() {
        call("DELETE", "/sandbox/v1/payments/webhooks", null, 204);
    }

    /** The recent webhook deliveries (up to 200), newest first. */
    public List<WebhookDelivery> deliveries() {
        List<WebhookDelivery> deliveries = new ArrayList<>();
        for (JsonNode d : call("GET", "/sandbox/v1/payments/webhooks", null, 200).path("deliveries")) {
            deliveries.add(new WebhookDelivery(
                    d.path("eventId").asText(),
                    d.path("type").asText(),
                    d.path("paymentId").asText(),
                    d.path("attempts").asInt(),
                    d.hasNonNull("lastStatus") ? d.path("lastStatus").asInt() : null,
                    d.path("delivered").asBoolean(),
                    d.hasNonNull("deliveredAt") ? Instant.parse(d.path("deliveredAt").asText()) : null,
                    d.path("gaveUp").asBoolean(),
                    d.path("copy").asBoolean()));
        }
        return deliveries;
    }

    private static WebhookSettings webhookSettingsOf(JsonNode body) {
        return new WebhookSettings(body.path("duplicateRate").asDouble(), body.path("reorderWindowMs").asLong(),
                body.path("paused").asBoolean());
    }

    private static Faults faultsOf(JsonNode body) {
        return new Faults(
                Duration.ofMillis(body.path("latencyMs").asLong()),
                Duration.ofMillis(body.path("latencyJitterMs").asLong()),
                body.path("errorRate").asDouble(),
                body.path("outage").asBoolean(),
                Faults.OutageMode.of(body.path("outageMode").asText("unavailable")),
                body.path("refuseLocks").asBoolean(),
                body.path("seed").asLong());
    }

    /** What {@code GET /sandbox/v1/info} tells. */
    public record Info(String chainName, long seed, String size, String currency, long lockTtlSeconds, Counts counts) {
        public Info {
            Objects.requireNonNull(chainName, "chainName");
            Objects.requireNonNull(counts, "counts");
        }
    }

    /** How many of each thing the chain has (shows include cancelled ones). */
    public record Counts(int cities, int cinemas, int halls, int movies, int shows) {
    }

    private JsonNode call(String method, String path, JsonNode request, int expectedStatus) {
        Answer answer = send(method, path, request);
        if (answer.status() != expectedStatus) {
            throw unexpected(method, path, answer);
        }
        return answer.body();
    }

    private Answer send(String method, String path, JsonNode request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120));
        if (request == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(request.toString()));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            return new Answer(response.statusCode(), body, text);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox admin " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during sandbox admin " + method + " " + path, e);
        }
    }

    private static IllegalStateException unexpected(String method, String path, Answer answer) {
        return new IllegalStateException(
                "sandbox admin " + method + " " + path + " answered " + answer.status() + ": " + answer.text());
    }

    private record Answer(int status, JsonNode body, String text) {
    }
}
