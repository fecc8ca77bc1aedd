package dev.marquee.gateway.booking;

import static dev.marquee.gateway.testing.BookingJourney.paymentIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.contracts.sandbox.WebhookDelivery;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.messaging.Messaging;
import dev.marquee.gateway.messaging.OutboxStore;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.BookingStack;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.testing.RabbitMqNode;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.spi.Seat;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * RabbitMQ stopped and started again while bookings are being paid. Webhooks that arrive while the broker
 * is away are still accepted (their events wait in the outbox); once it is back, the client's recovery and
 * the relay carry on, and every booking is confirmed and emailed once, with nothing left behind.
 *
 * <p>This stops the RabbitMQ application on this machine for a few seconds ({@code rabbitmqctl stop_app}),
 * so other test runs using the same broker at that moment see it go away too.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Isolated("it stops the machine's RabbitMQ, which the gateways of tests running beside it use")
class BrokerRestartTest implements TestPropertyProvider {
    private static final int BOOKINGS = 12;
    private static final int PAID_BEFORE_THE_STOP = 5;
    private static final Duration ASYNC = BookingJourney.ASYNC;

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
    Messaging messaging;
    @Inject
    OutboxStore outbox;

    private BookingJourney journey;
    private List<Show> shows;

    @Override
    public Map<String, String> getProperties() {
        stack = BookingStack.start("orion", "Orion Screens", 47);
        return stack.gatewayProperties();
    }

    @BeforeAll
    void syncTheChain() {
        RabbitMqNode.ensureRunning();
        tables.clear();
        sync.sync(chains.chain("orion").orElseThrow());
        journey = new BookingJourney(new ApiClient(server.getURL()), stack.smtp());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(4));
        assertThat(shows).hasSizeGreaterThan(3);
        Eventually.await("connected to RabbitMQ", ASYNC, messaging::connected, connected -> connected);
    }

    @AfterAll
    void stop() {
        RabbitMqNode.ensureRunning();
        if (stack != null) {
            stack.close();
            stack.deleteQueues(handlers);
        }
    }

    @Test
    void bookingsPaidWhileTheBrokerIsDownAreConfirmedAndEmailedOnceWhenItIsBack() throws Exception {
        List<JsonNode> bookings = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            bookings.add(checkedOut(i, "moviegoer" + i + "@example.org"));
        }
        for (JsonNode booking : bookings.subList(0, PAID_BEFORE_THE_STOP)) {
            journey.payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
        }

        try {
            RabbitMqNode.stopApp();
            Eventually.await("the gateway noticing the broker is gone", ASYNC, messaging::connected, connected -> !connected);
            List<JsonNode> paidWhileDown = bookings.subList(PAID_BEFORE_THE_STOP, BOOKINGS);
            for (JsonNode booking : paidWhileDown) {
                journey.payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
            }
            Set<String> payments = paidWhileDown.stream().map(b -> paymentIdOf(b.path("paymentUrl").asText()))
                    .collect(Collectors.toSet());
            Eventually.await("the webhooks of the payments made while the broker is down accepted", ASYNC,
                    () -> acceptedSucceededWebhooks(payments), accepted -> accepted.containsAll(payments));
            assertThat(messaging.connected()).as("the broker is still down while those webhooks were taken in").isFalse();
            assertThat(outbox.backlog().due()).as("their events wait in the outbox").isGreaterThanOrEqualTo(payments.size());
        } finally {
            RabbitMqNode.startApp();
        }

        for (JsonNode booking : bookings) {
            JsonNode confirmed = journey.awaitStatus(booking.path("bookingId").asText(), booking.path("token").asText(),
                    "CONFIRMED");
            assertThat(confirmed.path("tickets")).hasSize(1);
        }
        for (int i = 0; i < BOOKINGS; i++) {
            journey.awaitEmails("moviegoer" + i + "@example.org", 1);
        }
        stack.awaitQuiet(outbox, messaging, handlers);
        for (int i = 0; i < BOOKINGS; i++) {
            assertThat(journey.emailsTo("moviegoer" + i + "@example.org")).as("emails to moviegoer" + i).hasSize(1);
        }
        Map<String, Long> deadLetters = messaging.deadLetters();
        assertThat(deadLetters).as("dead letters per queue").hasSize(handlers.size());
        assertThat(deadLetters.values()).as("dead letters per queue: " + deadLetters).allMatch(count -> count == 0);
    }

    private Set<String> acceptedSucceededWebhooks(Set<String> payments) {
        return stack.chain().admin().deliveries().stream()
                .filter(d -> d.type().equals("payment.succeeded") && d.delivered() && payments.contains(d.paymentId()))
                .map(WebhookDelivery::paymentId).collect(Collectors.toSet());
    }

    /** Booking {@code i} takes one seat of its own: shows in turn, then the next seat of each. */
    private JsonNode checkedOut(int i, String email) {
        Show show = shows.get(i % shows.size());
        String seat = catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream().map(Seat::ref)
                .skip(i / shows.size()).findFirst().orElseThrow();
        JsonNode hold = journey.hold(show.id(), List.of(seat), email);
        ApiClient.Answer checkout = journey.checkout(hold.path("holdId").asText(), hold.path("token").asText());
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        return checkout.json();
    }
}
