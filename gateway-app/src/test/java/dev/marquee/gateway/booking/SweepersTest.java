package dev.marquee.gateway.booking;

import static dev.marquee.gateway.testing.BookingJourney.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.booking.idempotency.Answer;
import dev.marquee.booking.idempotency.IdempotentRequests;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.BookingStack;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.testing.RowCount;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.TestClock;
import dev.marquee.spi.Seat;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway's sweepers, running on their schedules against the gateway's clock, which the tests move on:
 * unpaid bookings end once their payment window has passed and their hold is gone, and idempotency keys are
 * dropped once past their retention. The rules are the core's; these tests show the sweepers apply them.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepersTest implements TestPropertyProvider {
    private BookingStack stack;

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogSync sync;
    @Inject
    CatalogHolder catalog;
    @Inject
    ChainRegistry chains;
    @Inject
    CatalogTables tables;
    @Inject
    List<MessageHandler> handlers;
    @Inject
    TestClock clock;
    @Inject
    IdempotentRequests keys;
    @Inject
    TransactionOperations<Connection> transactions;

    private BookingJourney journey;
    private List<Show> shows;

    @Override
    public Map<String, String> getProperties() {
        stack = BookingStack.start("sirius", "Sirius Cinemas", 59);
        Map<String, String> properties = new HashMap<>(stack.gatewayProperties());
        properties.putAll(Map.of(
                "marquee.test.clock", "fixed",
                "marquee.holds.sweep", "true",
                "marquee.holds.sweep-interval", "100ms",
                "marquee.bookings.sweep", "true",
                "marquee.bookings.sweep-interval", "200ms",
                "marquee.waitlist.serve", "false"));
        return properties;
    }

    @BeforeAll
    void syncTheChain() {
        clock.set(Instant.now());
        tables.clear();
        sync.sync(chains.chain("sirius").orElseThrow());
        journey = new BookingJourney(new ApiClient(server.getURL()), stack.smtp());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(4));
        assertThat(shows).isNotEmpty();
    }

    @BeforeEach
    void now() {
        clock.set(Instant.now());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
            stack.deleteQueues(handlers);
        }
    }

    @Test
    void aCheckedOutBookingNeverPaidEndsExpiredOnceThePaymentWindowHasPassedAndItsHoldIsGone() {
        Show show = shows.getFirst();
        String seat = catalog.current().hall(show.hallId()).orElseThrow().layout().seats().getFirst().ref();
        JsonNode hold = journey.hold(show.id(), List.of(seat), "edith@example.org");
        String token = hold.path("token").asText();
        ApiClient.Answer checkout = journey.checkout(hold.path("holdId").asText(), token);
        assertThat(checkout.status()).isEqualTo(201);
        String bookingId = checkout.json().path("bookingId").asText();

        clock.advance(Duration.ofMinutes(31));

        JsonNode expired = journey.awaitStatus(bookingId, token, "EXPIRED");
        assertThat(expired.path("statusReason").asText()).contains("not paid in time");
        assertThat(new ApiClient(server.getURL()).call("GET", "/api/v1/holds/" + hold.path("holdId").asText(), bearer(token), null)
                .json().path("status").asText()).as("its hold ended first").isEqualTo("EXPIRED");
    }

    @Test
    void idempotencyKeysPastTheirRetentionAreDroppedAndYoungerOnesKept() {
        String old = "sweep-old-" + UUID.randomUUID();
        String young = "sweep-young-" + UUID.randomUUID();
        keep(old);
        clock.advance(Duration.ofHours(12));
        keep(young);

        clock.advance(Duration.ofHours(12).plusSeconds(1));

        Eventually.await("the key past its 24 h retention dropped", BookingJourney.ASYNC, () -> stored(old), n -> n == 0);
        assertThat(stored(young)).as("the key 12 h old").isEqualTo(1);
    }

    /** A request answered 201 under this key, kept for the retention. */
    private void keep(String key) {
        keys.execute(key, "hash-of-" + key, "hld", running -> new Answer(201, "{}"));
        assertThat(stored(key)).isEqualTo(1);
    }

    private int stored(String key) {
        return RowCount.of(transactions, "SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = ?", key);
    }
}
