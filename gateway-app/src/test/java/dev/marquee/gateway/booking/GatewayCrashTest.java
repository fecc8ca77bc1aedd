package dev.marquee.gateway.booking;

import static dev.marquee.gateway.testing.BookingJourney.paymentIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.marquee.contracts.sandbox.Faults;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.testing.ApiShows;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.BookingStack;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.GatewayProcess;
import dev.marquee.gateway.testing.Health;
import dev.marquee.gateway.testing.OwnDatabase;
import dev.marquee.gateway.testing.Quiet;
import dev.marquee.gateway.web.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway killed with {@code kill -9} after it took a payment in but before the chain confirmed the
 * seats. The chain is down, so the payment's event is stored and its confirmation keeps being retried; the
 * process dies; a new one on the same database and queues picks the work up once the chain is back, and
 * the booking ends confirmed, with tickets, emailed once.
 *
 * <p>The gateway runs as a process of its own here (see {@link GatewayProcess}), on a PostgreSQL database
 * this class drops and creates, RabbitMQ with queues of its own, a sandbox chain and an SMTP server.
 */
@Execution(ExecutionMode.CONCURRENT) // its own processes, database, broker and ports: runs beside the others
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayCrashTest {
    private static final List<String> QUEUES = List.of("booking-payments", "booking-email", "booking-refunds");

    private OwnDatabase database;
    private BookingStack stack;
    private SandboxTheatre chain;
    private GreenMail smtp;
    private GatewayProcess gateway;
    private int port;
    private Map<String, String> settings;

    @BeforeAll
    void start() {
        database = OwnDatabase.recreate("marquee_gw_crash_app");
        stack = BookingStack.start("vega", "Vega Cinemas", 53);
        chain = stack.chain();
        smtp = stack.smtp();
        port = stack.gatewayPort();
        settings = new HashMap<>(stack.gatewayProperties());
        // This gateway finds its shows itself, as it would in production.
        settings.put("marquee.sync.enabled", "true");
        settings.put("marquee.chains.vega.name", "Vega Cinemas");
        gateway = startGateway("first");
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (stack != null) {
            stack.close();
            stack.deleteQueuesNamed(QUEUES);
        }
    }

    @Test
    void aBookingPaidBeforeTheGatewayWasKilledIsConfirmedByTheNextOneAndEmailedOnce() throws Exception {
        ApiClient api = new ApiClient(gateway.url());
        BookingJourney journey = new BookingJourney(api, smtp);
        JsonNode show = ApiShows.aShowOnSale(api);
        List<String> seats = ApiShows.freeSeats(api, show.path("id").asText(), 2);
        JsonNode hold = journey.hold(show.path("id").asText(), seats, "katherine@example.org");
        JsonNode booking = journey.checkout(hold.path("holdId").asText(), hold.path("token").asText()).json();
        String bookingId = booking.path("bookingId").asText();
        String token = booking.path("token").asText();

        chain.admin().faults(Faults.down());
        journey.payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
        String paymentId = paymentIdOf(booking.path("paymentUrl").asText());
        Eventually.await("the payment's webhook answered by the gateway", BookingJourney.ASYNC,
                () -> chain.admin().deliveries().stream().anyMatch(d -> d.paymentId().equals(paymentId)
                        && d.type().equals("payment.succeeded") && d.delivered()), delivered -> delivered);
        Eventually.await("the confirmation failed at the chain and set to be tried again", BookingJourney.ASYNC,
                () -> confirmationRetriesStored(), retries -> retries > 0);
        assertThat(journey.read(bookingId, token).path("status").asText()).isEqualTo("CONFIRMING");

        gateway.kill();
        chain.admin().clearFaults();
        gateway = startGateway("second");
        ApiClient next = new ApiClient(gateway.url());
        BookingJourney afterRestart = new BookingJourney(next, smtp);

        // The stored retry falls due at most 15 s after the last failed attempt.
        JsonNode confirmed = Eventually.await("booking " + bookingId + " confirmed by the new gateway", Duration.ofSeconds(45),
                () -> afterRestart.read(bookingId, token), b -> b.path("status").asText().equals("CONFIRMED"));
        assertThat(confirmed.path("tickets")).hasSize(2);
        afterRestart.awaitEmails("katherine@example.org", 1);
        Quiet.await(BookingJourney.ASYNC, () -> new Quiet.Work(rowsInOutbox(), stack.messagesQueuedIn(QUEUES),
                deliveriesInProgress(next)));
        assertThat(afterRestart.emailsTo("katherine@example.org")).hasSize(1);
    }

    private GatewayProcess startGateway(String name) {
        return GatewayProcess.start(port, settings, database.gatewayEnvironment(), "gateway-crash-" + name);
    }

    /** Retries of payment events the gateway put back in its outbox: its confirmation was tried and failed. */
    private long confirmationRetriesStored() {
        return database.count("SELECT COUNT(*) FROM outbox WHERE routing_key = 'payment.succeeded' AND target_queue IS NOT NULL");
    }

    /** As the gateway's health says; -1, which is not quiet, when it does not say. */
    private static long deliveriesInProgress(ApiClient api) {
        return Health.withDetails(api).path("details").path("messaging").path("details")
                .path("deliveriesInProgress").asLong(-1);
    }

    private long rowsInOutbox() {
        return database.count("SELECT COUNT(*) FROM outbox");
    }
}
