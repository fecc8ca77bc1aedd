package dev.marquee.sandbox.payments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/**
 * The hosted payment page, {@code /pay/{paymentId}}: where the gateway sends the payer. Plain HTML, no
 * script: a card number prefilled with the succeeding test card, Pay and Decline.
 */
@Controller("/pay")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HostedPageController {
    static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private final Payments payments;

    public HostedPageController(Payments payments) {
        this.payments = payments;
    }

    /** The page's form. */
    @Serdeable
    public record PayForm(@Nullable String action, @Nullable String card) {
    }

    @Get(value = "/{paymentId}", produces = HTML)
    public HttpResponse<String> page(@PathVariable String paymentId) {
        Optional<Payment> payment = payments.find(paymentId);
        if (payment.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, HostedPages.unknown(paymentId));
        }
        return html(HttpStatus.OK, HostedPages.page(payment.get()));
    }

    @Post(value = "/{paymentId}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = HTML)
    public HttpResponse<String> submit(@PathVariable String paymentId, @Body @Nullable PayForm form) {
        String action = form == null || form.action() == null ? "pay" : form.action();
        if (payments.find(paymentId).isEmpty()) {
            return html(HttpStatus.NOT_FOUND, HostedPages.unknown(paymentId));
        }
        Payments.Attempt attempt = switch (action) {
            case "pay" -> payments.pay(paymentId, form == null ? null : form.card());
            case "decline" -> payments.decline(paymentId);
            default -> null;
        };
        if (attempt == null) {
            return html(HttpStatus.BAD_REQUEST, HostedPages.badAction(paymentId, action));
        }
        return html(HttpStatus.OK, HostedPages.result(attempt));
    }

    private static HttpResponse<String> html(HttpStatus status, String page) {
        return HttpResponse.<String>status(status).body(page).contentType(HTML);
    }
}
