package dev.marquee.sandbox.payments;

import dev.marquee.sandbox.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The payment provider's part of the admin API, {@code /sandbox/v1/payments} (contracts/sandbox-admin-api.yaml):
 * paying without the page, and how webhook deliveries behave.
 */
@Controller("/sandbox/v1/payments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentAdminController {
    private static final Set<String> SETTINGS = Set.of("duplicateRate", "reorderWindowMs", "paused");

    private final Payments payments;
    private final Webhooks webhooks;
    private final PaymentViews views;

    public PaymentAdminController(Payments payments, Webhooks webhooks, PaymentViews views) {
        this.payments = payments;
        this.webhooks = webhooks;
        this.views = views;
    }

    @Serdeable
    public record PayRequest(@Nullable String card) {
    }

    /** The delivery settings in force and the recent deliveries, newest first. */
    @Serdeable
    public record WebhooksView(double duplicateRate, long reorderWindowMs, boolean paused,
            List<Webhooks.DeliveryView> deliveries) {
    }

    /** What the hosted page's Pay button does, for scripts: with the card given, 4242 4242 4242 4242 when absent. */
    @Post("/{paymentId}/pay")
    public PaymentViews.PaymentView pay(@PathVariable String paymentId, @Body @Nullable PayRequest request) {
        String card = request == null || request.card() == null ? TestCards.SUCCEEDS : request.card();
        return views.of(payments.pay(paymentId, card).payment());
    }

    @Get("/webhooks")
    public WebhooksView deliveries() {
        return view(webhooks.settings());
    }

    /** Replaces every delivery setting; what the body leaves out is back to normal. */
    @Put("/webhooks")
    public HttpResponse<?> configure(@Body @Nullable JsonNode request) {
        try {
            return HttpResponse.ok(view(webhooks.apply(parse(request))));
        } catch (DeliverySettings.InvalidSetting e) {
            return Problem.BAD_REQUEST.withField(e.field(), e.getMessage());
        }
    }

    @Delete("/webhooks")
    public HttpResponse<Void> clear() {
        webhooks.clear();
        return HttpResponse.noContent();
    }

    private WebhooksView view(DeliverySettings settings) {
        return new WebhooksView(settings.duplicateRate(), settings.reorderWindowMs(), settings.paused(), webhooks.recent());
    }

    private static DeliverySettings parse(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new DeliverySettings.InvalidSetting("body", "The body must be a JSON object of delivery settings");
        }
        for (Map.Entry<String, JsonNode> entry : request.entries()) {
            if (!SETTINGS.contains(entry.getKey())) {
                throw new DeliverySettings.InvalidSetting(entry.getKey(), entry.getKey()
                        + " is not a delivery setting; known: duplicateRate, paused, reorderWindowMs");
            }
        }
        return new DeliverySettings(rate(request.get("duplicateRate")), window(request.get("reorderWindowMs")),
                flag(request.get("paused")));
    }

    private static double rate(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber()) {
            throw new DeliverySettings.InvalidSetting("duplicateRate", "duplicateRate must be a number from 0 to 1");
        }
        return value.getDoubleValue();
    }

    private static long window(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.getDoubleValue() != Math.rint(value.getDoubleValue())) {
            throw new DeliverySettings.InvalidSetting("reorderWindowMs", "reorderWindowMs must be a whole number of milliseconds");
        }
        return value.getLongValue();
    }

    private static boolean flag(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new DeliverySettings.InvalidSetting("paused", "paused must be true or false");
        }
        return value.getBooleanValue();
    }
}
