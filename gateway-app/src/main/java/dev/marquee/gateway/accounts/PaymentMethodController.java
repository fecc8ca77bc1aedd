package dev.marquee.gateway.accounts;

import dev.marquee.gateway.web.JsonFields;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
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
import java.util.List;

/**
 * The card an account saved: the payment provider's token for it, with brand and last four digits to show. The gateway
 * never sees card data; the token comes from the provider's page.
 */
@Controller("/api/v1/me/payment-method")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentMethodController {
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
        JsonFields fields = JsonFields.of(body, "providerToken, brand and last4");
        String token = fields.text("providerToken");
        String brand = fields.text("brand");
        String last4 = fields.text("last4");
        fields.check();
        List<Fault> faults = SavedCards.faults(token, brand, last4);
        if (!faults.isEmpty()) {
            throw Bodies.invalid(faults);
        }
        return accounts.saveCard(customer.accountId(), new Account.SavedCard(token, brand, last4))
                .flatMap(Account::savedCard).map(AccountView.PaymentMethodView::of)
                .orElseThrow(() -> new UnauthorizedException("The account is gone; sign in again"));
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
