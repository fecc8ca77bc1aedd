package dev.marquee.sandbox.payments;

import dev.marquee.sandbox.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.Currency;

/** The provider API, {@code /payments/v1} (contracts/payment-provider-api.yaml). */
@Controller("/payments/v1/payments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentController {
    static final int MAX_REFERENCE = 100;
    static final int MAX_TEXT = 500;
    static final int MAX_EMAIL = 320;
    static final int MAX_URL = 2000;

    private final Payments payments;
    private final PaymentViews views;

    public PaymentController(Payments payments, PaymentViews views) {
        this.payments = payments;
        this.views = views;
    }

    @Post
    public HttpResponse<?> create(@Body @Nullable JsonNode body) {
        Payments.NewPayment request = newPayment(object(body));
        return switch (payments.create(request)) {
            case Payments.Created created -> HttpResponse.created(views.of(created.payment()));
            case Payments.Existing existing -> HttpResponse.ok(views.of(existing.payment()));
            case Payments.ReferenceConflict conflict -> Problem.REFERENCE_CONFLICT.withField("reference",
                    "Payment " + conflict.existing().paymentId() + " has reference " + request.reference() + " for "
                            + conflict.existing().amount() + " " + conflict.existing().currency());
        };
    }

    @Get("/{paymentId}")
    public PaymentViews.PaymentView find(@PathVariable String paymentId) {
        return views.of(payments.find(paymentId).orElseThrow(() -> Payments.notFound(paymentId)));
    }

    @Post("/{paymentId}/refunds")
    public HttpResponse<?> refund(@PathVariable String paymentId, @Body @Nullable JsonNode body) {
        String reason = text(object(body), "reason", MAX_TEXT, true);
        return switch (payments.refund(paymentId, reason)) {
            case Payments.RefundStarted started -> HttpResponse.status(HttpStatus.CREATED).body(views.refundOf(started.payment()));
            case Payments.RefundExisting existing -> HttpResponse.ok(views.refundOf(existing.payment()));
            case Payments.NotRefundable not -> Problem.PAYMENT_NOT_REFUNDABLE.response("Payment " + paymentId + " is "
                    + not.payment().status() + "; only a SUCCEEDED payment can be refunded");
        };
    }

    private static Payments.NewPayment newPayment(JsonNode body) {
        String reference = text(body, "reference", MAX_REFERENCE, true);
        String currencyCode = text(body, "currency", 3, true);
        Currency currency;
        try {
            currency = Money.currency(currencyCode);
        } catch (IllegalArgumentException e) {
            throw Problem.PAYMENT_BAD_REQUEST.fieldException("currency", e.getMessage());
        }
        JsonNode amountNode = body.get("amount");
        if (amountNode != null && amountNode.isNumber()) {
            throw Problem.PAYMENT_BAD_REQUEST.fieldException("amount",
                    "amount must be a decimal string such as \"18.00\", not a JSON number");
        }
        long amountMinor;
        try {
            amountMinor = Money.minorUnits(text(body, "amount", 20, true), currency);
        } catch (IllegalArgumentException e) {
            throw Problem.PAYMENT_BAD_REQUEST.fieldException("amount", e.getMessage());
        }
        String description = text(body, "description", MAX_TEXT, true);
        String email = text(body, "customerEmail", MAX_EMAIL, true);
        if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw Problem.PAYMENT_BAD_REQUEST.fieldException("customerEmail", "customerEmail must be an email address");
        }
        String notifyUrl = url(body, "notifyUrl", true);
        String returnUrl = url(body, "returnUrl", false);
        return new Payments.NewPayment(reference, amountMinor, currency.getCurrencyCode(), description, email, notifyUrl,
                returnUrl);
    }

    private static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Problem.PAYMENT_BAD_REQUEST.fieldException("body", "The body must be a JSON object");
        }
        return body;
    }

    private static String text(JsonNode body, String field, int max, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw Problem.PAYMENT_BAD_REQUEST.fieldException(field, field + " is required");
            }
            return null;
        }
        if (!value.isString() || value.getStringValue().isBlank()) {
            throw Problem.PAYMENT_BAD_REQUEST.fieldException(field, field + " must be a non-blank string");
        }
        String text = value.getStringValue();
        if (text.length() > max) {
            throw Problem.PAYMENT_BAD_REQUEST.fieldException(field, field + " must be at most " + max + " characters");
        }
        return text;
    }

    private static String url(JsonNode body, String field, boolean required) {
        String text = text(body, field, MAX_URL, required);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return text;
            }
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw Problem.PAYMENT_BAD_REQUEST.fieldException(field, field + " must be an absolute http or https URL, was '"
                + text + "'");
    }
}
