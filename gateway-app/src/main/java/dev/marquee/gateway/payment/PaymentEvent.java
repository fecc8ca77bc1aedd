package dev.marquee.gateway.payment;

import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.JsonFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A webhook event from the payment provider.
 *
 * @param id the provider's event id; the same event delivered twice has the same id
 * @param type {@code payment.succeeded}, {@code payment.failed} or {@code refund.succeeded}
 * @param createdAt when it happened at the provider
 * @param data what it is about
 */
@Serdeable
public record PaymentEvent(String id, String type, @Nullable Instant createdAt, Data data) {
    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";

    /**
     * @param paymentId the provider's payment id
     * @param reference the gateway's booking id the payment was created for
     * @param amount decimal amount
     * @param currency ISO code
     * @param refundId for refund events
     * @param reason decline code, or refund reason
     */
    @Serdeable
    public record Data(String paymentId, @Nullable String reference, @Nullable String amount, @Nullable String currency,
            @Nullable String refundId, @Nullable String reason) {
    }

    /**
     * The event in a webhook's JSON, read from the tree so that a field of the wrong type is answered 400 naming
     * it ({@code data.amount}); whether the fields an event needs are there is the controller's to check.
     */
    static PaymentEvent of(@Nullable JsonNode body) {
        JsonFields event = JsonFields.of(body, "id, type, createdAt and data");
        String createdAt = event.text("createdAt");
        JsonFields data = event.object("data");
        PaymentEvent read = new PaymentEvent(event.text("id"), event.text("type"), null, data == null ? null
                : new Data(data.text("paymentId"), data.text("reference"), data.text("amount"), data.text("currency"),
                        data.text("refundId"), data.text("reason")));
        event.check();
        if (createdAt == null) {
            return read;
        }
        try {
            return new PaymentEvent(read.id(), read.type(), Instant.parse(createdAt), read.data());
        } catch (DateTimeParseException e) {
            throw InvalidParametersException.of("createdAt", "must be an ISO 8601 instant");
        }
    }

    public boolean isKnownType() {
        return PAYMENT_SUCCEEDED.equals(type) || PAYMENT_FAILED.equals(type) || REFUND_SUCCEEDED.equals(type);
    }
}
