package dev.marquee.gateway.booking;

import static dev.marquee.gateway.testing.BookingJourney.paymentIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.contracts.sandbox.Faults;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.testing.ApiShows;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.GatewayProcess;
import dev.marquee.gateway.testing.Health;
import dev.marquee.gateway.web.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default loses no paid booking on {@code kill -9}: the gateway on an H2 file database and the
 * in-process broker keeping its messages on disk is killed while a consumer is confirming a paid booking at
 * a slow chain; the next gateway on the same files confirms it. The control run is the same kill with the
 * broker's messages in memory: the payment message dies with the process and the booking stays unconfirmed.
 */
@Execution(ExecutionMode.CONCURRENT) // its own processes, database, broker and ports: runs beside the others
class EmbeddedCrashTest {
    /** Longer than any wait in the test, so the killed consumer is still waiting for the chain. */
    private static final Duration CHAIN_LATENCY = Duration.ofSeconds(40);

    @TempDir
    Path data;

    @Test
    void aPaymentBeingConfirmedWhenTheGatewayIsKilledIsConfirmedByTheNextOne() {
        Optional<JsonNode> booking = killWhileConfirmingThenRestart(true, BookingJourney.ASYNC);

        assertThat(booking).as("confirmed after the restart").isPresent();
        assertThat(booking.get().path("tickets")).hasSize(2);
    }

    @Test
    void controlRunWithTheBrokersMessagesInMemoryTheBookingIsLost() {
        Optional<JsonNode> booking = killWhileConfirmingThenRestart(false, Duration.ofSeconds(12));

        assertThat(booking).as("no gateway confirms a payment whose message died with the broker").isEmpty();
    }

    /** The booking once CONFIRMED by the restarted gateway within {@code wait}, else empty. */
    private Optional<JsonNode> killWhileConfirmingThenRestart(boolean brokerKeepsMessages, Duration wait) {
        try (SandboxTheatre chain = SandboxTheatre.builder().seed(67).size("small").chainName("Aurora Cinemas")
                .property("sandbox.payments.webhook-max-backoff", "1s").start()) {
            int port = BookingJourney.freePort();
            Map<String, String> settings = new HashMap<>(Map.of(
                    "marquee.chains.aurora.name", "Aurora Cinemas",
                    "marquee.chains.aurora.adapter", "rest",
                    "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                    "marquee.chains.aurora.settings.request-timeout", "120s",
                    "marquee.payments.provider-url", chain.baseUrl().toString(),
                    "marquee.payments.notify-url", "http://127.0.0.1:" + port + "/api/v1/payments/webhook",
                    "marquee.mail.folder", data.resolve("mail").toString(),
                    "marquee.messaging.embedded-port", Integer.toString(BookingJourney.freePort()),
                    "marquee.holds.sweep", "false"));
            Map<String, String> environment = new HashMap<>(Map.of("MARQUEE_DB_URL", "jdbc:h2:file:" + data.resolve("gateway")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"));
            if (brokerKeepsMessages) {
                environment.put("MARQUEE_EMBEDDED_BROKER_STORE", data.resolve("broker").toString());
            }
            String name = brokerKeepsMessages ? "embedded-crash" : "embedded-crash-control";
            String bookingId;
            String token;
            try (GatewayProcess gateway = GatewayProcess.start(port, settings, environment, name + "-first")) {
                ApiClient api = new ApiClient(gateway.url());
                BookingJourney journey = new BookingJourney(api, null);
                String showId = ApiShows.aShowOnSale(api).path("id").asText();
                JsonNode hold = journey.hold(showId, ApiShows.freeSeats(api, showId, 2), "hedy@example.org");
                JsonNode booking = journey.checkout(hold.path("holdId").asText(), hold.path("token").asText()).json();
                bookingId = booking.path("bookingId").asText();
                token = booking.path("token").asText();

                chain.admin().faults(Faults.slow(CHAIN_LATENCY));
                String paymentId = paymentIdOf(booking.path("paymentUrl").asText());
                chain.admin().pay(paymentId, "4242424242424242");
                Eventually.await("the payment's webhook answered by the gateway", BookingJourney.ASYNC,
                        () -> chain.admin().deliveries().stream().anyMatch(d -> d.paymentId().equals(paymentId)
                                && d.type().equals("payment.succeeded") && d.delivered()), delivered -> delivered);
                // The relay publishes the payment's message and a consumer takes it, then waits on the slow chain.
                Eventually.await("a consumer confirming the payment at the slow chain", BookingJourney.ASYNC,
                        () -> Health.withDetails(api).path("details").path("messaging").path("details")
                                .path("deliveriesInProgress").asLong(), inProgress -> inProgress > 0);
                // Recorded before the chain was called: the kill below leaves a booking that says it is being confirmed.
                String id = bookingId;
                String bearer = token;
                Eventually.await("the booking CONFIRMING while the chain is asked", BookingJourney.ASYNC,
                        () -> journey.read(id, bearer).path("status").asText(), "CONFIRMING"::equals);
                gateway.kill();
            }
            chain.admin().clearFaults();
            try (GatewayProcess gateway = GatewayProcess.start(port, settings, environment, name + "-second")) {
                BookingJourney journey = new BookingJourney(new ApiClient(gateway.url()), null);
                Instant giveUpAt = Instant.now().plus(wait);
                while (Instant.now().isBefore(giveUpAt)) {
                    JsonNode now = journey.read(bookingId, token);
                    if (now.path("status").asText().equals("CONFIRMED")) {
                        return Optional.of(now);
                    }
                    pause(Duration.ofMillis(500));
                }
                return Optional.empty();
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
