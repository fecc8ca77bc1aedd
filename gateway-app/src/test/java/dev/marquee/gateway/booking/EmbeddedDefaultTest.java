package dev.marquee.gateway.booking;

import static dev.marquee.gateway.testing.BookingJourney.bearer;
import static dev.marquee.gateway.testing.BookingJourney.paymentIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.testing.ApiShows;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.GatewayProcess;
import dev.marquee.gateway.testing.Health;
import dev.marquee.gateway.web.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration {@code ./marquee run} starts, end to end: the gateway as a process of its own with no
 * database, broker or mail server named, so on its embedded defaults (H2 in memory, the in-process AMQP
 * broker, emails written as files), a sandbox chain that is also the payment provider, and a booking from
 * hold to ticket email.
 */
class EmbeddedDefaultTest {
    @TempDir
    Path mail;

    @Test
    void aPaidBookingIsConfirmedAndItsTicketEmailWrittenOnTheEmbeddedDefaults() {
        try (SandboxTheatre chain = SandboxTheatre.builder().seed(61).size("small").chainName("Aurora Cinemas")
                .property("sandbox.payments.webhook-max-backoff", "1s").start()) {
            int port = BookingJourney.freePort();
            Map<String, String> settings = Map.of(
                    "marquee.chains.aurora.name", "Aurora Cinemas",
                    "marquee.chains.aurora.adapter", "rest",
                    "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                    "marquee.payments.provider-url", chain.baseUrl().toString(),
                    "marquee.payments.notify-url", "http://127.0.0.1:" + port + "/api/v1/payments/webhook",
                    "marquee.mail.folder", mail.toString(),
                    "marquee.messaging.embedded-port", Integer.toString(BookingJourney.freePort()));
            try (GatewayProcess gateway = GatewayProcess.start(port, settings, Map.of(), "embedded-default")) {
                ApiClient api = new ApiClient(gateway.url());
                assertThat(Health.withDetails(api).path("details").path("messaging").path("details").path("broker").asText())
                        .as("health names the in-process broker").startsWith("embedded ");

                String showId = ApiShows.aShowOnSale(api).path("id").asText();
                BookingJourney journey = new BookingJourney(api, null);
                JsonNode hold = journey.hold(showId, ApiShows.freeSeats(api, showId, 2), "grace@example.org");
                JsonNode booking = journey.checkout(hold.path("holdId").asText(), hold.path("token").asText()).json();
                String bookingId = booking.path("bookingId").asText();
                chain.admin().pay(paymentIdOf(booking.path("paymentUrl").asText()), "4242424242424242");

                JsonNode confirmed = journey.awaitStatus(bookingId, booking.path("token").asText(), "CONFIRMED");
                assertThat(confirmed.path("tickets")).hasSize(2);
                List<Path> emails = Eventually.await("the ticket email written to " + mail, BookingJourney.ASYNC,
                        () -> emailsAbout(bookingId), found -> !found.isEmpty());
                assertThat(emails).hasSize(1);
                assertThat(api.call("GET", "/api/v1/bookings/" + bookingId, bearer(booking.path("token").asText()), null).status())
                        .isEqualTo(200);

                // An account signs up and in: its password is hashed by the jar's own libraries, nothing the tests bring.
                String account = "{\"email\":\"ada@example.org\",\"password\":\"analytical-engine-1843\"}";
                assertThat(api.call("POST", "/api/v1/accounts", Map.of(), account).status()).isEqualTo(201);
                assertThat(api.call("POST", "/api/v1/sessions", Map.of(), account).json().path("accessToken").asText()).isNotBlank();
            }
        }
    }

    private List<Path> emailsAbout(String bookingId) {
        try (Stream<Path> files = Files.list(mail)) {
            return files.filter(file -> file.getFileName().toString().contains(bookingId)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
