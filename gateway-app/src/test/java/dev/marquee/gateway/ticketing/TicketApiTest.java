package dev.marquee.gateway.ticketing;

import dev.marquee.gateway.testing.QrImages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.web.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tickets for their holders and the signing key for venues, every exchange checked against gateway-api.yaml. */
@MicronautTest(environments = "test", transactional = false)
class TicketApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    TicketFixtures fixtures;
    @Inject
    TicketSigner signer;
    @Inject
    SigningKeyStore keyStore;

    private ApiClient api;

    @BeforeEach
    void start() {
        fixtures.clear();
        api = new ApiClient(server.getURL());
    }

    @Test
    void theBookingsTokenReadsTheTicketWithItsShowSeatAndSignedPayload() {
        TicketFixtures.Booking booking = TicketFixtures.booking();
        TicketFixtures.Issued issued = fixtures.issue(booking);
        TicketFixtures.IssuedTicket ticket = issued.first();

        ApiClient.Answer answer = read(ticket.ticketId(), issued.token());

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("ticketId").asText()).isEqualTo(ticket.ticketId());
        assertThat(json.path("bookingId").asText()).isEqualTo(issued.bookingId());
        assertThat(json.path("status").asText()).isEqualTo("VALID");
        assertThat(json.path("show").path("movieTitle").asText()).isEqualTo("Interstellar");
        assertThat(json.path("show").path("cinemaId").asText()).isEqualTo(booking.cinemaId());
        assertThat(json.path("show").path("cinemaName").asText()).isEqualTo("Aurora Leith");
        assertThat(json.path("show").path("hallName").asText()).isEqualTo("Screen 3");
        assertThat(Instant.parse(json.path("show").path("startsAt").asText())).isEqualTo(booking.startsAt());
        assertThat(Instant.parse(json.path("show").path("endsAt").asText())).isEqualTo(booking.endsAt());
        assertThat(json.path("seat").path("label").asText()).isEqualTo(ticket.seatLabel());
        assertThat(json.path("qrPayload").asText()).isEqualTo(ticket.qrPayload());
        assertThat(json.has("checkedInAt")).isFalse();
        assertThat(signer.verify(json.path("qrPayload").asText())).isEqualTo(new TicketVerification.Genuine(ticket.claims()));
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking());

        ApiClient.Answer answer = api.call("GET", "/api/v1/tickets/" + issued.first().ticketId(), Map.of(), null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("type").asText()).endsWith("/unauthorized");
    }

    @Test
    void anotherBookingsTokenGetsTheSame404AsATicketThatDoesNotExist() {
        TicketFixtures.Issued mine = fixtures.issue(TicketFixtures.booking());
        TicketFixtures.Issued theirs = fixtures.issue(TicketFixtures.booking());

        ApiClient.Answer wrongToken = read(theirs.first().ticketId(), mine.token());
        ApiClient.Answer noTicket = read("tkt_nothing", mine.token());

        assertThat(wrongToken.status()).isEqualTo(404);
        assertThat(noTicket.status()).isEqualTo(404);
        assertThat(wrongToken.json().path("type").asText()).isEqualTo(noTicket.json().path("type").asText());
        assertThat(wrongToken.json().path("detail").asText()).doesNotContain(theirs.bookingId());
    }

    @Test
    void theQrCodeIsAPngThatReadsBackToTheTicketsPayload() throws Exception {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking());
        String path = "/api/v1/tickets/" + issued.first().ticketId() + "/qr.png";

        ApiClient.Answer checked = api.call("GET", path, bearer(issued.token()), null);
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + issued.token()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(checked.status()).isEqualTo(200);
        assertThat(checked.contentType()).isEqualTo("image/png");
        assertThat(png.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(QrImages.decode(png.body())).isEqualTo(issued.first().qrPayload());
    }

    @Test
    void theQrCodeNeedsTheBookingsTokenToo() {
        TicketFixtures.Issued mine = fixtures.issue(TicketFixtures.booking());
        TicketFixtures.Issued theirs = fixtures.issue(TicketFixtures.booking());
        String path = "/api/v1/tickets/" + theirs.first().ticketId() + "/qr.png";

        assertThat(api.call("GET", path, Map.of(), null).status()).isEqualTo(401);
        ApiClient.Answer wrongToken = api.call("GET", path, bearer(mine.token()), null);
        assertThat(wrongToken.status()).isEqualTo(404);
        assertThat(wrongToken.isProblem()).isTrue();
    }

    @Test
    void thePublishedKeyVerifiesIssuedTickets() throws Exception {
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking());

        ApiClient.Answer answer = api.get("/api/v1/tickets/signing-key");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(answer.json().path("format").asText()).isEqualTo("X.509");
        PublicKey published = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(answer.json().path("publicKey").asText())));
        assertThat(TicketSigner.verify(issued.first().qrPayload(), published)).isInstanceOf(TicketVerification.Genuine.class);
    }

    @Test
    void withoutAConfiguredKeyEveryInstanceAndRestartSignsWithTheKeyKeptInTheDatabase() {
        TicketSigner restarted = new TicketSigner(new TicketSettings(""), keyStore);
        TicketSigner otherInstance = new TicketSigner(new TicketSettings(null), keyStore);
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking());

        assertThat(restarted.publicKey()).isEqualTo(signer.publicKey());
        assertThat(otherInstance.publicKey()).isEqualTo(signer.publicKey());
        assertThat(restarted.verify(issued.first().qrPayload())).isInstanceOf(TicketVerification.Genuine.class);
    }

    private ApiClient.Answer read(String ticketId, String token) {
        return api.call("GET", "/api/v1/tickets/" + ticketId, bearer(token), null);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
