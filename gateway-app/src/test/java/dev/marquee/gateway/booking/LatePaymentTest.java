package dev.marquee.gateway.booking;

import static dev.marquee.gateway.testing.BookingJourney.paymentIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.contracts.sandbox.BoxOfficeSale;
import dev.marquee.contracts.sandbox.SandboxTheatre;
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
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.spi.Seat;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A payment that arrives after its hold expired: the seats are locked again if they are still free,
 * otherwise the payment is refunded and the customer told. Holds last two seconds here.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LatePaymentTest implements TestPropertyProvider {
    private BookingStack stack;
    private SandboxTheatre chain;

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

    private ApiClient api;
    private BookingJourney journey;
    private List<Show> shows;
    private int nextShow;

    @Override
    public Map<String, String> getProperties() {
        stack = BookingStack.start("lumen", "Lumen Pictures", 43);
        chain = stack.chain();
        Map<String, String> properties = new HashMap<>(stack.gatewayProperties());
        properties.putAll(Map.of(
                "marquee.holds.ttl", "2s",
                // The idempotency lease must be shorter than the hold, or a retry could find its hold ended.
                "marquee.holds.idempotency-lease", "1s",
                "marquee.holds.chain-margin", "1s",
                "marquee.holds.sweep", "true",
                "marquee.holds.sweep-interval", "200ms",
                "marquee.waitlist.serve", "false"));
        return properties;
    }

    @BeforeAll
    void syncTheChain() {
        tables.clear();
        sync.sync(chains.chain("lumen").orElseThrow());
        api = new ApiClient(server.getURL());
        journey = new BookingJourney(api, stack.smtp());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(4));
        assertThat(shows).hasSizeGreaterThan(3);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
            stack.deleteQueues(handlers);
        }
    }

    @Test
    void aPaymentAfterTheHoldExpiredLocksTheSameSeatsAgainAndConfirms() {
        Show show = shows.get(nextShow++);
        List<String> seats = seatsOf(show, 2);
        JsonNode booking = checkedOut(show, seats, "alan@example.org");
        awaitSeatsFreeAtTheChain(show, seats);

        journey.payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");

        JsonNode confirmed = journey.awaitStatus(booking.path("bookingId").asText(), booking.path("token").asText(), "CONFIRMED");
        assertThat(confirmed.path("tickets")).hasSize(2);
        assertThat(chain.admin().sell(show.ref(), seats)).isInstanceOf(BoxOfficeSale.SeatsTaken.class);
    }

    @Test
    void aPaymentForSeatsSoldMeanwhileIsRefundedAndTheCustomerIsTold() throws Exception {
        Show show = shows.get(nextShow++);
        List<String> seats = seatsOf(show, 1);
        JsonNode booking = checkedOut(show, seats, "edsger@example.org");
        Eventually.await("the seat sold at the box office once the hold lapsed", BookingJourney.ASYNC,
                () -> chain.admin().sell(show.ref(), seats), sale -> sale instanceof BoxOfficeSale.Sold);

        journey.payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");

        JsonNode refunded = journey.awaitStatus(booking.path("bookingId").asText(), booking.path("token").asText(), "REFUNDED");
        assertThat(refunded.path("statusReason").asText()).contains("taken");
        assertThat(refunded.path("tickets")).isEmpty();
        Eventually.await("the payment refunded at the provider", BookingJourney.ASYNC,
                () -> journey.providerPayment(chain.baseUrl(), paymentIdOf(booking.path("paymentUrl").asText())), p -> p.contains("\"REFUNDED\""));
        MimeMessage email = journey.awaitEmails("edsger@example.org", 1).getFirst();
        assertThat(email.getSubject()).containsIgnoringCase("refund");
    }

    private JsonNode checkedOut(Show show, List<String> seats, String email) {
        JsonNode hold = journey.hold(show.id(), seats, email);
        ApiClient.Answer checkout = journey.checkout(hold.path("holdId").asText(), hold.path("token").asText());
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        return checkout.json();
    }

    private void awaitSeatsFreeAtTheChain(Show show, List<String> seats) {
        Eventually.await("seats " + seats + " free again at the chain", BookingJourney.ASYNC,
                () -> api.get("/api/v1/shows/" + show.id() + "/seats").json().path("seats"),
                map -> java.util.stream.StreamSupport.stream(map.spliterator(), false)
                        .filter(seat -> seats.contains(seat.path("id").asText()))
                        .allMatch(seat -> seat.path("status").asText().equals("AVAILABLE")));
    }

    private List<String> seatsOf(Show show, int count) {
        return catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream().map(Seat::ref).limit(count).toList();
    }
}
