package dev.marquee.gateway.payment;

import dev.marquee.gateway.web.InvalidParam;
import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the payment provider's webhooks. Answers 2xx only once the event is stored with its work, so
 * the provider keeps retrying until then; answers 400/401 and changes nothing when the signature or the
 * body is wrong.
 */
@Controller("/api/v1/payments/webhook")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookController.class);
    /** The lengths of {@code payment_events.event_id}/{@code payment_id} and {@code event_type}. */
    private static final int MAX_ID_LENGTH = 100;
    private static final int MAX_TYPE_LENGTH = 40;

    private final PaymentSettings settings;
    private final PaymentInbox inbox;
    private final JsonMapper json;
    private final Clock clock;

    public PaymentWebhookController(PaymentSettings settings, PaymentInbox inbox, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.inbox = inbox;
        this.json = json;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL)
    public HttpResponse<?> receive(@Header(WebhookSignature.HEADER) @Nullable String signature, @Body @Nullable byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        WebhookSignature.Verdict verdict = WebhookSignature.verify(signature, raw, settings.webhookSecret(), clock.instant(),
                settings.webhookTolerance());
        switch (verdict) {
            case WebhookSignature.Verdict.Malformed malformed -> {
                throw InvalidParametersException.of(WebhookSignature.HEADER, malformed.reason());
            }
            case WebhookSignature.Verdict.Mismatch mismatch -> {
                LOG.warn("Refused a payment webhook whose signature does not match its body");
                throw ProblemException.of(ProblemType.WEBHOOK_SIGNATURE_INVALID, "The signature does not match the body");
            }
            case WebhookSignature.Verdict.OutsideTolerance old -> {
                LOG.warn("Refused a payment webhook signed at {}, outside the tolerance of {}", old.signedAt(),
                        settings.webhookTolerance());
                throw ProblemException.of(ProblemType.WEBHOOK_SIGNATURE_INVALID, "The signature's timestamp " + old.signedAt()
                        + " is more than " + settings.webhookTolerance().toSeconds() + " s from now");
            }
            case WebhookSignature.Verdict.Valid valid -> {
                // signed by the provider: read on
            }
        }
        PaymentEvent event = PaymentEvent.of(tree(raw));
        List<InvalidParam> missing = new ArrayList<>();
        if (blank(event.id())) {
            missing.add(new InvalidParam("id", "is required: the provider's event id"));
        }
        if (blank(event.type())) {
            missing.add(new InvalidParam("type", "is required, such as " + PaymentEvent.PAYMENT_SUCCEEDED));
        }
        if (event.data() == null) {
            missing.add(new InvalidParam("data", "is required: what the event is about"));
        } else if (blank(event.data().paymentId())) {
            missing.add(new InvalidParam("data.paymentId", "is required: the provider's payment id"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidParametersException(missing);
        }
        checkStorable("id", event.id(), MAX_ID_LENGTH);
        checkStorable("type", event.type(), MAX_TYPE_LENGTH);
        checkStorable("data.paymentId", event.data().paymentId(), MAX_ID_LENGTH);
        if (PaymentEvent.PAYMENT_SUCCEEDED.equals(event.type()) && (blank(event.data().amount()) || blank(event.data().currency()))) {
            // What was paid is checked against the booking before any seat is confirmed for it.
            throw InvalidParametersException.of(blank(event.data().amount()) ? "data.amount" : "data.currency",
                    "A payment.succeeded event needs data.amount and data.currency");
        }
        PaymentInbox.Receipt receipt = inbox.accept(event, new String(raw, StandardCharsets.UTF_8));
        LOG.debug("Payment event {} {} for payment {}: {}", event.id(), event.type(), event.data().paymentId(), receipt);
        return HttpResponse.ok(Map.of("eventId", event.id(), "receipt", receipt.name()));
    }

    private JsonNode tree(byte[] raw) {
        try {
            return json.readValue(raw, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw InvalidParametersException.of("body", "The body is not JSON: " + e.getMessage());
        }
    }

    /**
     * A signed event is still refused, not failed on, when a value it is stored under would not fit its column or
     * holds a control character (PostgreSQL refuses NUL in text): a 5xx would have the provider retry it forever.
     */
    private static void checkStorable(String field, String value, int maxLength) {
        if (value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)) {
            throw InvalidParametersException.of(field, "must be at most " + maxLength + " characters, without control characters");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
