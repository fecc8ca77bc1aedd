package dev.marquee.gateway.accounts;

import java.util.Optional;

/** The payment provider's saved cards: what a token stands for. */
public interface CardTokens {

    /**
     * The card a provider token stands for, as brand and last four digits; empty when the provider knows no such token.
     *
     * @throws Unavailable when the provider cannot be asked just now
     */
    Optional<Account.SavedCard> card(String providerToken);

    /** The provider did not answer, or not in a way that says whether the token is known. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
