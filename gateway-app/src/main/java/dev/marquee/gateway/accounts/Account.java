package dev.marquee.gateway.accounts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's account as kept: who they are, how they sign in, and the card they saved.
 *
 * @param email lower case
 * @param passwordHash bcrypt, never shown
 * @param emailVerifiedAt when the customer followed the verification link sent to {@code email}; null until then
 * @param card the saved payment method, or null
 */
public record Account(String id, String email, String passwordHash, String name, String phone, String defaultCityId,
        Instant emailVerifiedAt, SavedCard card, Instant createdAt) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean verified() {
        return emailVerifiedAt != null;
    }

    public Optional<SavedCard> savedCard() {
        return Optional.ofNullable(card);
    }

    /**
     * A card saved at the payment provider: its token there, and what the customer recognises it by.
     * Never a card number: the gateway does not see one.
     */
    public record SavedCard(String providerToken, String brand, String last4) {
        public SavedCard {
            Objects.requireNonNull(providerToken, "providerToken");
            Objects.requireNonNull(brand, "brand");
            Objects.requireNonNull(last4, "last4");
        }
    }

    @Override
    public String toString() {
        // Personal data stays out of logs.
        return "Account[" + id + "]";
    }
}
