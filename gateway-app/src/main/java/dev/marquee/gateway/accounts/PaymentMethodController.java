package dev.marquee.gateway.accounts;

import dev.marquee.gateway.web.JsonFields;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.Problems;
import dev.marquee.gateway.web.UnauthorizedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card an account saved: the payment provider's token for it, with the brand and last four digits the provider
 * gives for it. The gateway never sees card data: the customer's app sends the provider's token.
 */
@Controller("/api/v1/me/payment-method")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentMethodController {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentMethodController.class);
    private final Accounts accounts;

    public PaymentMethodController(Accounts accounts) {
        this.accounts = accounts;
    }

    @Get
    public AccountView.PaymentMethodView read(Customer customer) {
        return accounts.account(customer.accountId()).flatMap(Account::savedCard).map(AccountView.PaymentMethodView::of)
                .orElseThrow(PaymentMethodController::noCard);
    }

    @Put(consumes = MediaType.APPLICATION_JSON)
    public AccountView.PaymentMethodView save(Customer customer, @Body @Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "providerToken");
        String token = fields.text("providerToken");
        fields.check();
        Accounts.CardSaving saving;
        try {
            saving = accounts.saveCard(customer.accountId(), token);
        } catch (CardTokens.Unavailable e) {
            LOG.warn("Could not read a saved card at the payment provider: {}", e.getMessage());
            throw new ProblemException(Problem.of(ProblemType.PAYMENT_PROVIDER_UNAVAILABLE, "The payment provider does not "
                    + "answer; nothing was saved, try again shortly"), Problems.retryAfter(Duration.ofSeconds(5)), null);
        }
        return switch (saving) {
            case Accounts.CardSaving.Saved saved -> AccountView.PaymentMethodView.of(saved.card());
            case Accounts.CardSaving.Invalid invalid -> throw Bodies.invalid(List.of(invalid.fault()));
            case Accounts.CardSaving.NoAccount none -> throw new UnauthorizedException("The account is gone; sign in again");
        };
    }

    @Delete
    public HttpResponse<Void> remove(Customer customer) {
        if (!accounts.removeCard(customer.accountId())) {
            throw noCard();
        }
        return HttpResponse.noContent();
    }

    private static ProblemException noCard() {
        return ProblemException.of(ProblemType.NOT_FOUND, "This account has no saved payment method");
    }
}
