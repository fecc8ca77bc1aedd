package dev.marquee.gateway.booking;

import static dev.marquee.gateway.testing.BookingJourney.bearer;
import static dev.marquee.gateway.testing.BookingJourney.htmlOf;
import static dev.marquee.gateway.testing.BookingJourney.inlineImagesOf;
import static dev.marquee.gateway.testing.BookingJourney.paymentIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.booking.bookings.Reconciler;
import dev.marquee.contracts.sandbox.BoxOfficeSale;
import dev.marquee.contracts.sandbox.Faults;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.contracts.sandbox.WebhookDelivery;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.messaging.Messaging;
import dev.marquee.gateway.messaging.MessagingSettings;
import dev.marquee.gateway.messaging.OutboxStore;
import dev.marquee.gateway.payment.WebhookSignature;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.BookingStack;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.Health;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.testing.QrImages;
import dev.marquee.gateway.testing.RowCount;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.spi.Seat;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * From a hold to a ticket in the inbox, against a running sandbox chain and payment provider, the real
 * RabbitMQ and a real SMTP server: checkout, paying on the provider's page, the signed webhook, the
 * confirmation at the chain, the email with its QR codes, check-in, and cancellation with refund.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutToTicketTest implements TestPropertyProvider {
    static final String STAFF_KEY = "staff-key-of-the-test-cinema";
    private static final Duration ASYNC = BookingJourney.ASYNC;

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
    @Inject
    OutboxStore outbox;
    @Inject
    Messaging messaging;
    @Inject
    MessagingSettings messagingSettings;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    ReconciliationSweeper reconciliation;
    @Inject
    JdbcBookingStore bookingStore;

    private ApiClient api;
    private BookingJourney journey;
    private List<Show> shows;
    private int nextShow;

    @Override
    public Map<String, String> getProperties() {
        stack = BookingStack.start("aurora", "Aurora Cinemas", 41);
        chain = stack.chain();
        Map<String, String> properties = new HashMap<>(stack.gatewayProperties());
        properties.put("marquee.checkin.venues.test.cinema-id", "aurora:1001");
        properties.put("marquee.checkin.venues.test.staff-key", STAFF_KEY);
        // The reconciler runs only when a test calls it, and counts a booking stuck after a second.
        properties.put("marquee.bookings.reconcile-after", "1s");
        properties.put("marquee.bookings.reconcile-interval", "1h");
        return properties;
    }

    @BeforeAll
    void syncTheChain() {
        tables.clear();
        sync.sync(chains.chain("aurora").orElseThrow());
        api = new ApiClient(server.getURL());
        journey = new BookingJourney(api, stack.smtp());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(4)).stream()
                .filter(s -> s.cinemaId().equals("aurora:1001")).toList();
        assertThat(shows).hasSizeGreaterThan(5);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
            stack.deleteQueues(handlers);
        }
    }

    @Test
    void aPaidBookingIsConfirmedAtTheChainAndItsTicketsArriveByEmailAndCheckInOnce() throws Exception {
        Show show = nextShow();
        List<String> seats = seatsOf(show, 2);
        JsonNode hold = hold(show, seats, "ada@example.org");
        String token = hold.path("token").asText();

        ApiClient.Answer checkout = checkout(hold.path("holdId").asText(), token);
        assertThat(checkout.status()).isEqualTo(201);
        JsonNode booking = checkout.json();
        assertThat(booking.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(booking.path("amount").asText()).isEqualTo(hold.path("total").asText());
        assertThat(booking.path("token").asText()).isEqualTo(token);
        ApiClient.Answer again = checkout(hold.path("holdId").asText(), token);
        assertThat(again.status()).as("one booking per hold").isEqualTo(200);
        assertThat(again.json().path("bookingId").asText()).isEqualTo(booking.path("bookingId").asText());

        payOnThePage(booking.path("paymentUrl").asText(), "4242 4242 4242 4242");

        JsonNode confirmed = awaitStatus(booking.path("bookingId").asText(), token, "CONFIRMED");
        assertThat(confirmed.path("tickets")).hasSize(2);
        assertThat(chain.admin().sell(show.ref(), seats)).as("the seats are sold at the chain")
                .isInstanceOf(BoxOfficeSale.SeatsTaken.class);

        MimeMessage email = awaitEmails("ada@example.org", 1).getFirst();
        String html = htmlOf(email);
        assertThat(html).contains(asHtml(confirmed.path("show").path("movieTitle").asText()),
                asHtml(confirmed.path("show").path("cinemaName").asText()));
        List<byte[]> images = inlineImagesOf(email);
        assertThat(images).hasSize(2);
        String payload = QrImages.decode(images.getFirst());

        ApiClient.Answer firstScan = checkIn(payload, STAFF_KEY);
        assertThat(firstScan.status()).isEqualTo(200);
        ApiClient.Answer secondScan = checkIn(payload, STAFF_KEY);
        assertThat(secondScan.status()).as("a ticket checks in once").isEqualTo(409);
    }

    @Test
    void aDeclinedPaymentLeavesTheBookingOpenAndAPaymentAfterwardsConfirmsIt() throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 1), "grace@example.org");
        String token = booking.path("token").asText();

        payOnThePage(booking.path("paymentUrl").asText(), "4000 0000 0000 0002");
        Eventually.await("the decline noted", ASYNC, () -> read(booking.path("bookingId").asText(), token),
                b -> b.path("statusReason").asText().contains("declined"));
        assertThat(read(booking.path("bookingId").asText(), token).path("status").asText()).isEqualTo("PENDING_PAYMENT");

        payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
        awaitStatus(booking.path("bookingId").asText(), token, "CONFIRMED");
    }

    @Test
    void webhooksDeliveredTwiceAndOutOfOrderConfirmOnceAndEmailOnce() throws Exception {
        chain.admin().webhookSettings(1.0, 300, false);
        try {
            Show show = nextShow();
            JsonNode booking = checkedOut(show, seatsOf(show, 1), "hedy@example.org");
            String token = booking.path("token").asText();

            payOnThePage(booking.path("paymentUrl").asText(), "4000 0000 0000 0002");
            payOnThePage(booking.path("paymentUrl").asText(), "4242 4242 4242 4242");

            JsonNode confirmed = awaitStatus(booking.path("bookingId").asText(), token, "CONFIRMED");
            String paymentId = paymentIdOf(booking.path("paymentUrl").asText());
            // Every copy and the late decline delivered and taken in; none may change the booking.
            Eventually.await("all webhooks of the payment delivered, copies included", ASYNC,
                    () -> chain.admin().deliveries().stream().filter(d -> d.paymentId().equals(paymentId)).toList(),
                    deliveries -> deliveries.size() == 4 && deliveries.stream().allMatch(WebhookDelivery::delivered));
            awaitEmails("hedy@example.org", 1);
            awaitQuiet();
            assertThat(read(booking.path("bookingId").asText(), token).path("status").asText()).isEqualTo("CONFIRMED");
            assertThat(confirmed.path("tickets")).hasSize(1);
            assertThat(journey.emailsTo("hedy@example.org")).hasSize(1);
        } finally {
            chain.admin().clearWebhookSettings();
        }
    }

    @Test
    void aForgedAlteredOrStaleWebhookIsRefusedAndChangesNothing() throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 1), "joan@example.org");
        String token = booking.path("token").asText();
        String paymentId = paymentIdOf(booking.path("paymentUrl").asText());
        String eventId = "evt_forged_" + UUID.randomUUID();
        String event = "{\"id\":\"" + eventId + "\",\"type\":\"payment.succeeded\",\"createdAt\":\""
                + Instant.now() + "\",\"data\":{\"paymentId\":\"" + paymentId + "\",\"reference\":\""
                + booking.path("bookingId").asText() + "\",\"amount\":\"" + booking.path("amount").asText() + "\",\"currency\":\""
                + booking.path("currency").asText() + "\"}}";

        assertThat(webhook(event, WebhookSignature.sign("whsec_guessed", Instant.now(), bytes(event))).status()).isEqualTo(401);
        assertThat(webhook(event.replace("payment.succeeded", "payment.failed"),
                WebhookSignature.sign("whsec_sandbox", Instant.now(), bytes(event))).status()).isEqualTo(401);
        assertThat(webhook(event, WebhookSignature.sign("whsec_sandbox", Instant.now().minus(Duration.ofMinutes(6)), bytes(event)))
                .status()).as("a replay after the tolerance").isEqualTo(401);
        ApiClient.Answer unsigned = webhook(event, null);
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.json().path("invalidParams").get(0).path("name").asText()).isEqualTo("Payment-Signature");

        assertThat(paymentEventsKept(eventId)).as("nothing of a refused webhook is kept").isZero();
        assertThat(read(booking.path("bookingId").asText(), token).path("status").asText()).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void theSameEventDeliveredTwiceIsAcknowledgedAndActedOnOnce() throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 1), "rosalind@example.org");
        String token = booking.path("token").asText();
        String event = "{\"id\":\"evt_twice_" + UUID.randomUUID() + "\",\"type\":\"payment.succeeded\",\"createdAt\":\""
                + Instant.now() + "\",\"data\":{\"paymentId\":\"" + paymentIdOf(booking.path("paymentUrl").asText())
                + "\",\"reference\":\"" + booking.path("bookingId").asText() + "\",\"amount\":\"" + booking.path("amount").asText()
                + "\",\"currency\":\"" + booking.path("currency").asText() + "\"}}";
        String signature = WebhookSignature.sign("whsec_sandbox", Instant.now(), bytes(event));

        ApiClient.Answer first = webhook(event, signature);
        ApiClient.Answer second = webhook(event, signature);

        assertThat(first.json().path("receipt").asText()).isEqualTo("ACCEPTED");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("receipt").asText()).isEqualTo("DUPLICATE");
        awaitStatus(booking.path("bookingId").asText(), token, "CONFIRMED");
        awaitEmails("rosalind@example.org", 1);
        awaitQuiet();
        assertThat(journey.emailsTo("rosalind@example.org")).hasSize(1);
    }

    /**
     * Copies of one payment under distinct event ids (a provider that sends again, several providers' retries) reach the
     * payment consumers together and race: the booking is confirmed once, each seat gets one ticket and one email goes
     * out, counted in the tables. No control run takes a guard away here: the booking's row lock with its status check
     * and the tickets' unique (booking, seat) each stop a second confirmation alone, and removing both would take a
     * schema of its own; {@code BookingEmailRaceTest} has the control for the email that follows.
     */
    @Test
    void copiesOfOnePaymentRacingOverTheConsumersConfirmOnceIssueEachTicketOnceAndEmailOnce() throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 2), "cecilia@example.org");
        String bookingId = booking.path("bookingId").asText();
        String paymentId = paymentIdOf(booking.path("paymentUrl").asText());
        int copies = messagingSettings.consumerThreads();
        List<String> events = java.util.stream.IntStream.range(0, copies).mapToObj(i -> paidEvent("evt_copy_" + i + "_" + UUID.randomUUID(),
                paymentId, bookingId, booking.path("amount").asText(), booking.path("currency").asText(), Instant.now())).toList();

        try (var senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<ApiClient.Answer>> answers = events.stream().map(event -> senders.submit(() ->
                    webhook(event, WebhookSignature.sign("whsec_sandbox", Instant.now(), bytes(event))))).toList();
            for (var answer : answers) {
                assertThat(answer.get().json().path("receipt").asText()).isEqualTo("ACCEPTED");
            }
        }

        JsonNode confirmed = awaitStatus(bookingId, booking.path("token").asText(), "CONFIRMED");
        awaitEmails("cecilia@example.org", 1);
        awaitQuiet();
        assertThat(confirmed.path("tickets")).hasSize(2);
        assertThat(RowCount.of(transactions, "SELECT COUNT(*) FROM tickets WHERE booking_id = ?", bookingId)).isEqualTo(2);
        assertThat(RowCount.of(transactions, "SELECT COUNT(*) FROM booking_emails WHERE booking_id = ?", bookingId)).isEqualTo(1);
        assertThat(journey.emailsTo("cecilia@example.org")).hasSize(1);
    }

    @Test
    void cancellingRefundsVoidsTheTicketsEmailsAndOffersTheSeatsToTheWaitlist() throws Exception {
        Show show = nextShow();
        List<String> seats = seatsOf(show, 1);
        JsonNode booking = checkedOut(show, seats, "barbara@example.org");
        String token = booking.path("token").asText();
        String bookingId = booking.path("bookingId").asText();
        payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
        JsonNode confirmed = awaitStatus(bookingId, token, "CONFIRMED");
        String ticketPayload = ticketPayload(confirmed.path("tickets").get(0).path("ticketId").asText(), token);
        // The tickets' email goes out after CONFIRMED is answered; the customer cancels once it has come, so the
        // cancellation's email is the second (the two emails are separate messages with no order between them).
        awaitEmails("barbara@example.org", 1);
        // Everything else of the show is sold at the box office, so the waitlist waits for the booked seat.
        chain.admin().sell(show.ref(), otherSeatsOf(show, seats));
        JsonNode entry = api.call("POST", "/api/v1/shows/" + show.id() + "/waitlist", Map.of(),
                "{\"email\":\"mary@example.org\",\"seatCount\":1}").json();

        ApiClient.Answer cancel = api.call("POST", "/api/v1/bookings/" + bookingId + "/cancel", bearer(token), null);

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancel.json().path("tickets").get(0).path("status").asText()).isEqualTo("VOID");
        assertThat(checkIn(ticketPayload, STAFF_KEY).status()).as("a cancelled ticket cannot be used").isEqualTo(409);
        Eventually.await("the payment refunded at the provider", ASYNC,
                () -> journey.providerPayment(chain.baseUrl(), paymentIdOf(booking.path("paymentUrl").asText())), p -> p.contains("\"REFUNDED\""));
        List<MimeMessage> emails = awaitEmails("barbara@example.org", 2);
        assertThat(emails.get(1).getSubject()).containsIgnoringCase("cancel");
        String entryToken = entry.path("token").asText();
        JsonNode offered = Eventually.await("the freed seat offered to the waitlist", ASYNC,
                () -> api.call("GET", "/api/v1/waitlist/" + entry.path("entryId").asText(), bearer(entryToken), null).json(),
                e -> e.path("status").asText().equals("OFFERED"));
        JsonNode offeredHold = api.call("GET", "/api/v1/holds/" + offered.path("holdId").asText(),
                bearer(offered.path("holdToken").asText()), null).json();
        assertThat(offeredHold.path("seats").get(0).path("id").asText()).isEqualTo(seats.getFirst());
    }

    @Test
    void aCancellationTheChainCannotTakeYetIsRecordedAtOnceAndFinishedWhenItAnswers() throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 1), "lise@example.org");
        String token = booking.path("token").asText();
        String bookingId = booking.path("bookingId").asText();
        payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
        JsonNode confirmed = awaitStatus(bookingId, token, "CONFIRMED");
        String ticketPayload = ticketPayload(confirmed.path("tickets").get(0).path("ticketId").asText(), token);

        chain.admin().faults(Faults.down());
        ApiClient.Answer cancel;
        try {
            cancel = api.call("POST", "/api/v1/bookings/" + bookingId + "/cancel", bearer(token), null);
            assertThat(cancel.status()).isEqualTo(202);
            assertThat(cancel.json().path("status").asText()).isEqualTo("CANCELLING");
            assertThat(cancel.json().path("tickets").get(0).path("status").asText()).isEqualTo("VOID");
            assertThat(checkIn(ticketPayload, STAFF_KEY).status()).as("a ticket being cancelled admits nobody").isEqualTo(409);
        } finally {
            chain.admin().clearFaults();
        }

        awaitStatus(bookingId, token, "CANCELLED");
        Eventually.await("the payment refunded at the provider", ASYNC,
                () -> journey.providerPayment(chain.baseUrl(), paymentIdOf(booking.path("paymentUrl").asText())),
                p -> p.contains("\"REFUNDED\""));
        assertThat(chain.admin().sell(show.ref(), List.of(confirmed.path("seats").get(0).path("id").asText())))
                .as("the seat is free at the chain again").isInstanceOf(BoxOfficeSale.Sold.class);
    }

    @Test
    void aBookingWithATicketUsedAtTheDoorCannotBeCancelled() throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 2), "emmy@example.org");
        String token = booking.path("token").asText();
        String bookingId = booking.path("bookingId").asText();
        payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
        JsonNode confirmed = awaitStatus(bookingId, token, "CONFIRMED");
        String usedTicket = confirmed.path("tickets").get(0).path("ticketId").asText();
        assertThat(checkIn(ticketPayload(usedTicket, token), STAFF_KEY).status()).isEqualTo(200);

        ApiClient.Answer cancel = api.call("POST", "/api/v1/bookings/" + bookingId + "/cancel", bearer(token), null);

        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().path("type").asText()).endsWith("/booking-not-cancellable");
        assertThat(cancel.json().path("detail").asText()).contains(usedTicket, "used at the door");
        JsonNode after = read(bookingId, token);
        assertThat(after.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(after.path("tickets").get(1).path("status").asText()).as("the other ticket still admits").isEqualTo("VALID");
        assertThat(journey.providerPayment(chain.baseUrl(), paymentIdOf(booking.path("paymentUrl").asText())))
                .as("nothing refunded").doesNotContain("\"REFUNDED\"");
    }

    @Test
    void aPaymentEventOfAnotherAmountIsRefundedInsteadOfConfirmingTheSeats() throws Exception {
        Show show = nextShow();
        List<String> seats = seatsOf(show, 1);
        JsonNode booking = checkedOut(show, seats, "dorothy@example.org");
        String token = booking.path("token").asText();
        String bookingId = booking.path("bookingId").asText();
        String paymentId = paymentIdOf(booking.path("paymentUrl").asText());
        chain.admin().webhookSettings(0, 0, true);
        try {
            payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
            String event = "{\"id\":\"evt_amount_" + UUID.randomUUID() + "\",\"type\":\"payment.succeeded\",\"createdAt\":\""
                    + Instant.now() + "\",\"data\":{\"paymentId\":\"" + paymentId + "\",\"reference\":\"" + bookingId
                    + "\",\"amount\":\"0.50\",\"currency\":\"" + booking.path("currency").asText() + "\"}}";
            String withoutAmount = event.replace(",\"amount\":\"0.50\"", "");
            ApiClient.Answer missing = webhook(withoutAmount, WebhookSignature.sign("whsec_sandbox", Instant.now(), bytes(withoutAmount)));
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().path("invalidParams").get(0).path("name").asText()).isEqualTo("data.amount");

            assertThat(webhook(event, WebhookSignature.sign("whsec_sandbox", Instant.now(), bytes(event))).status()).isEqualTo(200);

            JsonNode refunded = awaitStatus(bookingId, token, "REFUNDED");
            assertThat(refunded.path("statusReason").asText()).contains("0.50", "does not match", booking.path("amount").asText());
            assertThat(refunded.path("tickets")).isEmpty();
            Eventually.await("the payment refunded at the provider", ASYNC,
                    () -> journey.providerPayment(chain.baseUrl(), paymentId), p -> p.contains("\"REFUNDED\""));
        } finally {
            chain.admin().clearWebhookSettings();
        }
        // The provider's own event, with the right amount, comes after and changes nothing.
        awaitQuiet();
        assertThat(read(bookingId, token).path("status").asText()).isEqualTo("REFUNDED");
        assertThat(chain.admin().sell(show.ref(), seats)).as("the seat was never confirmed at the chain")
                .isNotInstanceOf(BoxOfficeSale.SeatsTaken.class);
    }

    @Test
    void aBookingIsReadAndCancelledOnlyWithItsToken() throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 1), "marie@example.org");
        String token = booking.path("token").asText();
        String bookingId = booking.path("bookingId").asText();
        payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
        awaitStatus(bookingId, token, "CONFIRMED");
        String path = "/api/v1/bookings/" + bookingId;

        assertThat(api.call("GET", path, Map.of(), null).status()).isEqualTo(401);
        assertThat(api.call("GET", path, bearer("not-the-token"), null).status()).isEqualTo(404);
        assertThat(api.call("POST", path + "/cancel", Map.of(), null).status()).isEqualTo(401);
        ApiClient.Answer wrongToken = api.call("POST", path + "/cancel", bearer("not-the-token"), null);
        assertThat(wrongToken.status()).isEqualTo(404);
        assertThat(wrongToken.json().path("type").asText()).endsWith("/not-found");

        awaitQuiet();
        JsonNode after = read(bookingId, token);
        assertThat(after.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(after.path("tickets").get(0).path("status").asText()).isEqualTo("VALID");
        assertThat(journey.providerPayment(chain.baseUrl(), paymentIdOf(booking.path("paymentUrl").asText())))
                .as("nothing refunded").doesNotContain("\"REFUNDED\"");
    }

    @Test
    void aPaymentEventForNoBookingEndsInTheDeadLetterQueueAndHealthCountsIt() {
        String dead = messagingSettings.deadLetterQueueName("booking-payments");
        long before = deadLettersOnHealth(dead);
        String event = paidEvent("evt_nobody_" + UUID.randomUUID(), "pay_nobody_" + UUID.randomUUID(),
                "bk_nobody_" + UUID.randomUUID(), "10.00", "EUR", Instant.now());

        assertThat(webhook(event, WebhookSignature.sign("whsec_sandbox", Instant.now(), bytes(event))).status()).isEqualTo(200);

        Eventually.await("the event in " + dead + " and counted by /health", ASYNC, () -> deadLettersOnHealth(dead),
                count -> count == before + 1);
    }

    @Test
    void aPaymentTheChainCannotConfirmPastTheGiveUpTimeIsNotRefundedWhileTheChainCannotSayAndIsConfirmedOnceItAnswers()
            throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 1), "chien-shiung@example.org");
        String token = booking.path("token").asText();
        String bookingId = booking.path("bookingId").asText();
        String paymentId = paymentIdOf(booking.path("paymentUrl").asText());
        chain.admin().webhookSettings(0, 0, true);
        try {
            payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
            chain.admin().faults(Faults.down());
            // The provider's event for a payment made longer ago than confirm-give-up-after (30 min), arriving only now.
            String event = paidEvent("evt_late_" + UUID.randomUUID(), paymentId, bookingId, booking.path("amount").asText(),
                    booking.path("currency").asText(), Instant.now().minus(Duration.ofMinutes(31)));
            assertThat(webhook(event, WebhookSignature.sign("whsec_sandbox", Instant.now(), bytes(event))).status()).isEqualTo(200);

            // Past the give-up time, but the chain can say neither that it confirmed nor that it holds no booking.
            Eventually.await("the payment asked about again later", ASYNC, () -> RowCount.of(transactions,
                    "SELECT COUNT(*) FROM outbox WHERE routing_key = 'payment.succeeded' AND target_queue IS NOT NULL "
                            + "AND payload LIKE ?", "%" + paymentId + "%"), retries -> retries > 0);
            assertThat(read(bookingId, token).path("status").asText()).as("paid, its confirmation unsettled")
                    .isEqualTo("CONFIRMING");
            assertThat(journey.providerPayment(chain.baseUrl(), paymentId)).as("no refund while the chain may hold the seats")
                    .doesNotContain("\"REFUNDED\"");
        } finally {
            chain.admin().clearFaults();
            chain.admin().clearWebhookSettings();
        }
        JsonNode confirmed = Eventually.await("confirmed once the chain answers", Duration.ofSeconds(45),
                () -> read(bookingId, token), b -> b.path("status").asText().equals("CONFIRMED"));
        assertThat(confirmed.path("tickets")).hasSize(1);
        // The provider's own event, held back until now, changes nothing.
        awaitQuiet();
        assertThat(read(bookingId, token).path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void aPaymentWhoseEventNeverArrivesIsConfirmedByTheReconcilerFromWhatTheProviderSays() throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 1), "grace@example.org");
        String token = booking.path("token").asText();
        String bookingId = booking.path("bookingId").asText();
        double foundBefore = metric("marquee_reconciliation_divergences_total", Reconciler.PAID_WITHOUT_EVENT);
        chain.admin().webhookSettings(0, 0, true);
        try {
            payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");

            // Rounds of the reconciler, as its schedule would run them, until the booking is past reconcile-after.
            Eventually.await("confirmed by a round of the reconciler", ASYNC, () -> {
                reconciliation.reconcile();
                return read(bookingId, token).path("status").asText();
            }, status -> status.equals("CONFIRMED"));
            assertThat(reconciliation.status().toString()).contains("paid-without-event=");
            assertThat(metric("marquee_reconciliation_divergences_total", Reconciler.PAID_WITHOUT_EVENT))
                    .as("counted on /prometheus").isGreaterThan(foundBefore);
        } finally {
            chain.admin().clearWebhookSettings();
        }
        // The provider's own event, held back until now, changes nothing; one ticket email.
        awaitQuiet();
        assertThat(read(bookingId, token).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(journey.emailsTo("grace@example.org")).hasSize(1);
    }

    @Test
    void aConfirmedBookingItsChainNoLongerHoldsIsCountedOnPrometheusAndKeepsItsTickets() throws Exception {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 1), "mary-somerville@example.org");
        String token = booking.path("token").asText();
        String bookingId = booking.path("bookingId").asText();
        payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
        awaitStatus(bookingId, token, "CONFIRMED");
        String kind = Reconciler.CONFIRMED_MISSING_AT_CHAIN;
        double foundBefore = metric("marquee_reconciliation_divergences_total", kind);

        // The chain's staff cancel the booking behind the gateway's back.
        String chainBookingRef = bookingStore.find(bookingId).orElseThrow().booking().chainBookingRef();
        chains.chain("aurora").orElseThrow().theatre().cancelBooking(chainBookingRef);

        Eventually.await("found by a round of the reconciler", ASYNC, () -> {
            reconciliation.reconcile();
            return metric("marquee_reconciliation_divergences_total", kind);
        }, found -> found > foundBefore);
        assertThat(metric("marquee_reconciliation_divergences_open", kind)).isGreaterThanOrEqualTo(1);
        assertThat(Health.fresh(api).path("details").path("reconciliation").path("details")
                .path("divergencesOpen").path(kind).asInt()).isGreaterThanOrEqualTo(1);
        JsonNode kept = read(bookingId, token);
        assertThat(kept.path("status").asText()).as("reported, not refunded").isEqualTo("CONFIRMED");
        assertThat(kept.path("tickets").get(0).path("status").asText()).isEqualTo("VALID");
        Eventually.await("bookings by status on /prometheus", Duration.ofSeconds(30),
                () -> metric("marquee_bookings", "status", "CONFIRMED"), confirmed -> confirmed >= 1);
    }

    @Test
    void aBookingCannotBeCancelledBeforeItIsConfirmed() {
        Show show = nextShow();
        JsonNode booking = checkedOut(show, seatsOf(show, 1), "lise@example.org");
        String token = booking.path("token").asText();

        ApiClient.Answer cancel = api.call("POST", "/api/v1/bookings/" + booking.path("bookingId").asText() + "/cancel",
                bearer(token), null);

        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().path("type").asText()).endsWith("/booking-not-cancellable");
    }

    @Test
    void checkoutNeedsTheHoldsTokenAndAnActiveHold() {
        Show show = nextShow();
        JsonNode hold = hold(show, seatsOf(show, 1), "katherine@example.org");
        String holdId = hold.path("holdId").asText();

        assertThat(api.call("POST", "/api/v1/holds/" + holdId + "/checkout", Map.of(), null).status()).isEqualTo(401);
        assertThat(checkout(holdId, "not-the-token").status()).isEqualTo(404);
        api.call("DELETE", "/api/v1/holds/" + holdId, bearer(hold.path("token").asText()), null);
        ApiClient.Answer released = checkout(holdId, hold.path("token").asText());
        assertThat(released.status()).isEqualTo(409);
        assertThat(released.json().path("type").asText()).endsWith("/hold-not-active");
    }

    private int paymentEventsKept(String eventId) {
        return RowCount.of(transactions, "SELECT COUNT(*) FROM payment_events WHERE event_id = ?", eventId);
    }

    /** Waits until nothing more can happen to any booking (see {@link BookingStack#awaitQuiet}). */
    private void awaitQuiet() {
        stack.awaitQuiet(outbox, messaging, handlers);
    }

    private static String paidEvent(String eventId, String paymentId, String reference, String amount, String currency,
            Instant createdAt) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"payment.succeeded\",\"createdAt\":\"" + createdAt
                + "\",\"data\":{\"paymentId\":\"" + paymentId + "\",\"reference\":\"" + reference + "\",\"amount\":\""
                + amount + "\",\"currency\":\"" + currency + "\"}}";
    }

    /** Text as the email's HTML writes it: "Howl's Moving Castle" is "Howl&#39;s Moving Castle" there. */
    private static String asHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The messages in one dead-letter queue, as {@code /health} reports them; -1 when it does not. */
    private long deadLettersOnHealth(String queue) {
        return Health.withDetails(api).path("details").path("messaging").path("details")
                .path("deadLetters").path(queue).asLong(-1);
    }

    private ApiClient.Answer webhook(String event, String signature) {
        Map<String, String> headers = signature == null ? Map.of() : Map.of(WebhookSignature.HEADER, signature);
        return api.call("POST", "/api/v1/payments/webhook", headers, event);
    }

    private ApiClient.Answer checkIn(String payload, String staffKey) {
        return api.call("POST", "/api/v1/checkins", bearer(staffKey), "{\"qrPayload\":\"" + payload + "\"}");
    }

    private String ticketPayload(String ticketId, String token) {
        return api.call("GET", "/api/v1/tickets/" + ticketId, bearer(token), null).json().path("qrPayload").asText();
    }

    /** Holds the seats and checks out: the booking, waiting for payment, with its token. */
    private JsonNode checkedOut(Show show, List<String> seats, String email) {
        JsonNode hold = hold(show, seats, email);
        ApiClient.Answer checkout = checkout(hold.path("holdId").asText(), hold.path("token").asText());
        assertThat(checkout.status()).isEqualTo(201);
        return checkout.json();
    }

    private JsonNode hold(Show show, List<String> seats, String email) {
        return journey.hold(show.id(), seats, email);
    }

    private ApiClient.Answer checkout(String holdId, String token) {
        return journey.checkout(holdId, token);
    }

    private JsonNode read(String bookingId, String token) {
        return journey.read(bookingId, token);
    }

    private JsonNode awaitStatus(String bookingId, String token, String status) {
        return journey.awaitStatus(bookingId, token, status);
    }

    private void payOnThePage(String paymentUrl, String card) {
        journey.payOnThePage(paymentUrl, card);
    }

    private List<MimeMessage> awaitEmails(String to, int count) {
        return journey.awaitEmails(to, count);
    }

    private Show nextShow() {
        return shows.get(nextShow++);
    }

    private List<String> seatsOf(Show show, int count) {
        return catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream().map(Seat::ref).limit(count).toList();
    }

    private List<String> otherSeatsOf(Show show, List<String> seats) {
        return catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream().map(Seat::ref)
                .filter(s -> !seats.contains(s)).toList();
    }

    /** The value of a series of {@code /prometheus} with this kind, scraped now; 0 when it is not there. */
    private double metric(String name, String kind) {
        return metric(name, "kind", kind);
    }

    private double metric(String name, String label, String value) {
        ApiClient.Answer scraped = api.send("GET", "/prometheus", null, null);
        assertThat(scraped.status()).isEqualTo(200);
        return scraped.body().lines().filter(line -> line.startsWith(name + "{") && line.contains(label + "=\"" + value + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
