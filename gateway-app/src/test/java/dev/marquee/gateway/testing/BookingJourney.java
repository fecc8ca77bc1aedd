package dev.marquee.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.marquee.contracts.sandbox.FreePorts;
import dev.marquee.gateway.web.ApiClient;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The steps of a customer's way from a hold to a ticket, through the gateway's API and the provider's page. */
public final class BookingJourney {
    public static final Duration ASYNC = Duration.ofSeconds(30);

    private final ApiClient api;
    private final GreenMail smtp;
    private final HttpClient http = HttpClient.newHttpClient();

    public BookingJourney(ApiClient api, GreenMail smtp) {
        this.api = api;
        this.smtp = smtp;
    }

    public JsonNode hold(String showId, List<String> seats, String email) {
        ApiClient.Answer answer = api.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                HoldRequests.body(showId, seats, email));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    public ApiClient.Answer checkout(String holdId, String token) {
        return api.call("POST", "/api/v1/holds/" + holdId + "/checkout", bearer(token), null);
    }

    public JsonNode read(String bookingId, String token) {
        ApiClient.Answer answer = api.call("GET", "/api/v1/bookings/" + bookingId, bearer(token), null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    public JsonNode awaitStatus(String bookingId, String token, String status) {
        return Eventually.await("booking " + bookingId + " " + status, ASYNC, () -> read(bookingId, token),
                b -> b.path("status").asText().equals(status));
    }

    /** Opens the provider's page and presses Pay with a card, as a customer's browser would. */
    public void payOnThePage(String paymentUrl, String card) {
        try {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(paymentUrl)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<form");
            String form = "action=pay&card=" + URLEncoder.encode(card, StandardCharsets.UTF_8);
            HttpResponse<String> paid = http.send(HttpRequest.newBuilder(URI.create(paymentUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(paid.statusCode()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The payment as the provider sees it (JSON), read with the gateway's provider key. */
    public String providerPayment(URI provider, String paymentId) {
        try {
            return http.send(HttpRequest.newBuilder(provider.resolve("/payments/v1/payments/" + paymentId))
                    .header("Authorization", "Bearer sk_test_sandbox").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<MimeMessage> awaitEmails(String to, int count) {
        return Eventually.await(count + " emails to " + to, ASYNC, () -> emailsTo(to), list -> list.size() >= count);
    }

    public List<MimeMessage> emailsTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(to));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    public static String htmlOf(Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String html = htmlOf(multipart.getBodyPart(i));
                if (html != null) {
                    return html;
                }
            }
        }
        return null;
    }

    public static List<byte[]> inlineImagesOf(Part part) throws Exception {
        List<byte[]> images = new ArrayList<>();
        if (part.isMimeType("image/png")) {
            try (InputStream in = part.getInputStream()) {
                images.add(in.readAllBytes());
            }
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                images.addAll(inlineImagesOf(body));
            }
        }
        return images;
    }

    public static String paymentIdOf(String paymentUrl) {
        return paymentUrl.substring(paymentUrl.lastIndexOf('/') + 1);
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** A port for a gateway or broker a test starts in a process of its own (see {@link FreePorts}). */
    public static int freePort() {
        return FreePorts.pick();
    }
}
