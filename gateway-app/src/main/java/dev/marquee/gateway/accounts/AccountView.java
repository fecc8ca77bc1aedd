package dev.marquee.gateway.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** An account as its owner sees it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(String accountId, String email, boolean emailVerified, @Nullable String name, @Nullable String phone,
        @Nullable String defaultCityId, @Nullable PaymentMethodView paymentMethod, Instant createdAt) {

    static AccountView of(Account a) {
        return new AccountView(a.id(), a.email(), a.verified(), a.name(), a.phone(), a.defaultCityId(),
                a.savedCard().map(PaymentMethodView::of).orElse(null), a.createdAt());
    }

    /** A saved card as the customer recognises it; its provider token stays in the gateway. */
    @Serdeable
    public record PaymentMethodView(String brand, String last4) {
        static PaymentMethodView of(Account.SavedCard card) {
            return new PaymentMethodView(card.brand(), card.last4());
        }
    }
}
