package dev.marquee.gateway.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.TestClock;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Venue staff checking tickets in at the door, every exchange checked against gateway-api.yaml. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckinApiTest implements TestPropertyProvider {
    static final String LEITH = "aurora:1042";
    static final String LEITH_KEY = "leith-door-staff-7f3a9c";
    static final String QUAY = "aurora:2077";
    static final String QUAY_KEY = "quay-door-staff-a81e04";

    @Inject
    EmbeddedServer server;
    @Inject
    TicketFixtures fixtures;
    @Inject
    TestClock clock;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return venues(Map.of("marquee.test.clock", "fixed"));
    }

    static Map<String, String> venues(Map<String, String> more) {
        Map<String, String> properties = new java.util.HashMap<>(more);
        properties.putAll(Map.of(
                "marquee.checkin.venues.leith.cinema-id", LEITH,
                "marquee.checkin.venues.leith.staff-key", LEITH_KEY,
                "marquee.checkin.venues.quay.cinema-id", QUAY,
                "marquee.checkin.venues.quay.staff-key", QUAY_KEY));
        return properties;
    }

    @BeforeEach
    void start() {
        fixtures.clear();
        clock.set(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        api = new ApiClient(server.getURL());
    }

    @Test
    void theFirstScanLetsTheTicketInAndTheSecondSaysWhenItWasUsed() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH));
        TicketFixtures.IssuedTicket ticket = issued.first();

        ApiClient.Answer first = scan(LEITH_KEY, ticket.qrPayload());
        clock.advance(Duration.ofMinutes(3));
        ApiClient.Answer second = scan(LEITH_KEY, ticket.qrPayload());

        assertThat(first.status()).isEqualTo(200);
        JsonNode admitted = first.json();
        assertThat(admitted.path("ticketId").asText()).isEqualTo(ticket.ticketId());
        assertThat(admitted.path("seatLabel").asText()).isEqualTo(ticket.seatLabel());
        assertThat(admitted.path("movieTitle").asText()).isEqualTo("Interstellar");
        assertThat(admitted.path("cinemaName").asText()).isEqualTo("Aurora Leith");
        Instant checkedInAt = Instant.parse(admitted.path("checkedInAt").asText());
        assertThat(checkedInAt).isEqualTo(clock.instant().minus(Duration.ofMinutes(3)));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("type").asText()).endsWith("/ticket-already-used");
        assertThat(Instant.parse(second.json().path("checkedInAt").asText())).isEqualTo(checkedInAt);
        assertThat(second.json().path("detail").asText()).contains(checkedInAt.toString());
    }

    @Test
    void aCheckedInTicketReadsUsedForItsHolder() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH));
        scan(LEITH_KEY, issued.first().qrPayload());

        ApiClient.Answer ticket = api.call("GET", "/api/v1/tickets/" + issued.first().ticketId(),
                Map.of("Authorization", "Bearer " + issued.token()), null);

        assertThat(ticket.json().path("status").asText()).isEqualTo("USED");
        assertThat(Instant.parse(ticket.json().path("checkedInAt").asText())).isEqualTo(clock.instant());
    }

    @Test
    void theOtherTicketsOfTheBookingStayValid() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH).seats("F12", "F13"));

        assertThat(scan(LEITH_KEY, issued.tickets().get(0).qrPayload()).status()).isEqualTo(200);
        assertThat(scan(LEITH_KEY, issued.tickets().get(1).qrPayload()).status()).isEqualTo(200);
    }

    @Test
    void aTicketOfACancelledBookingAnswers409Void() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH));
        fixtures.cancel(issued.bookingId(), "refunded at the customer's request");

        ApiClient.Answer answer = scan(LEITH_KEY, issued.first().qrPayload());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("type").asText()).endsWith("/ticket-void");
        assertThat(answer.json().path("detail").asText()).contains("refunded at the customer's request");
    }

    @Test
    void aTicketIsRefusedOnceItsShowHasEnded() {
        TicketFixtures.Booking booking = TicketFixtures.booking().at(LEITH);
        TicketFixtures.Issued issued = fixtures.issue(booking);

        clock.set(booking.endsAt());
        ApiClient.Answer atTheEnd = scan(LEITH_KEY, issued.first().qrPayload());
        clock.set(booking.endsAt().plus(Duration.ofDays(2)));
        ApiClient.Answer later = scan(LEITH_KEY, issued.first().qrPayload());

        assertThat(atTheEnd.status()).isEqualTo(422);
        assertThat(atTheEnd.json().path("type").asText()).endsWith("/show-ended");
        assertThat(later.status()).isEqualTo(422);
        clock.set(booking.endsAt().minusSeconds(1));
        assertThat(scan(LEITH_KEY, issued.first().qrPayload()).status()).isEqualTo(200);
    }

    @Test
    void aTicketForAnotherCinemaIsRefusedAndStaysValid() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH));

        ApiClient.Answer atQuay = scan(QUAY_KEY, issued.first().qrPayload());

        assertThat(atQuay.status()).isEqualTo(422);
        assertThat(atQuay.json().path("type").asText()).endsWith("/wrong-cinema");
        assertThat(atQuay.json().path("detail").asText()).contains(LEITH);
        assertThat(scan(LEITH_KEY, issued.first().qrPayload()).status()).isEqualTo(200);
    }

    @Test
    void anAlteredTicketIsNotGenuine() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH));
        String payload = issued.first().qrPayload();
        int at = payload.indexOf('.') + 12;
        String altered = payload.substring(0, at) + (payload.charAt(at) == 'x' ? 'y' : 'x') + payload.substring(at + 1);

        ApiClient.Answer answer = scan(LEITH_KEY, altered);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("type").asText()).endsWith("/ticket-not-genuine");
        assertThat(scan(LEITH_KEY, payload).status()).as("the genuine ticket is still valid").isEqualTo(200);
    }

    @Test
    void aTicketSignedWithAnotherKeyIsNotGenuine() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH));
        TicketSigner forger = new TicketSigner(new TicketSettings(Ed25519Keys.privateKeyText(Ed25519Keys.generate())), null);

        ApiClient.Answer answer = scan(LEITH_KEY, forger.sign(issued.first().claims()));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("type").asText()).endsWith("/ticket-not-genuine");
    }

    @Test
    void garbageIsNotGenuine() {
        for (String garbage : List.of("hello", "https://example.org/t/1", "MQT1.AAAA.BBBB")) {
            ApiClient.Answer answer = scan(LEITH_KEY, garbage);

            assertThat(answer.status()).as(garbage).isEqualTo(422);
            assertThat(answer.json().path("type").asText()).endsWith("/ticket-not-genuine");
        }
    }

    @Test
    void anUnknownOrMissingStaffKeyAnswers401() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH));
        String body = body(issued.first().qrPayload());

        ApiClient.Answer unknown = api.call("POST", "/api/v1/checkins", Map.of("Authorization", "Bearer not-a-staff-key-at-all"), body);
        ApiClient.Answer missing = api.call("POST", "/api/v1/checkins", Map.of(), body);
        ApiClient.Answer bookingToken = api.call("POST", "/api/v1/checkins", Map.of("Authorization", "Bearer " + issued.token()), body);

        assertThat(List.of(unknown.status(), missing.status(), bookingToken.status())).containsOnly(401);
        assertThat(unknown.json().path("type").asText()).endsWith("/unauthorized");
        assertThat(scan(LEITH_KEY, issued.first().qrPayload()).status()).isEqualTo(200);
    }

    @Test
    void aMissingPayloadAnswers400NamingIt() {
        ApiClient.Answer empty = api.call("POST", "/api/v1/checkins", Map.of("Authorization", "Bearer " + LEITH_KEY), "{}");
        ApiClient.Answer blank = api.call("POST", "/api/v1/checkins", Map.of("Authorization", "Bearer " + LEITH_KEY),
                "{\"qrPayload\":\"  \"}");

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.invalidParamNames()).containsExactly("qrPayload");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.invalidParamNames()).containsExactly("qrPayload");
    }

    @Test
    void aGenuineTicketTheGatewayHasNoRecordOfAnswers404() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH));
        fixtures.clear();

        ApiClient.Answer answer = scan(LEITH_KEY, issued.first().qrPayload());

        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void scannersRacingOnOneTicketLetItInOnce() throws Exception {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(LEITH));

        List<Integer> statuses = CheckinRace.race(server.getURL(), LEITH_KEY, issued.first().qrPayload(), 16);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
    }

    private ApiClient.Answer scan(String staffKey, String payload) {
        return api.call("POST", "/api/v1/checkins", Map.of("Authorization", "Bearer " + staffKey), body(payload));
    }

    static String body(String payload) {
        return "{\"qrPayload\":\"" + payload + "\"}";
    }
}
