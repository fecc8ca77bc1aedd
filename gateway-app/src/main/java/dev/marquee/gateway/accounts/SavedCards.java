package dev.marquee.gateway.accounts;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a saved card's token may be: the payment provider's token for the card. Anything that looks like a card number is
 * refused before it goes anywhere, so that one never reaches the provider's URL or the gateway's database by mistake.
 */
final class SavedCards {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,200}");
    private static final Pattern CARD_NUMBER = Pattern.compile(".*\\d{12,}.*");

    private SavedCards() {
    }

    /** Why a provider token is refused, or empty when it has the shape of one. */
    static Optional<Fault> fault(String providerToken) {
        if (providerToken == null) {
            return Optional.of(new Fault("providerToken", "is required"));
        }
        if (CARD_NUMBER.matcher(providerToken).matches()) {
            return Optional.of(new Fault("providerToken", "must be the payment provider's token for the card, never its number"));
        }
        if (!TOKEN.matcher(providerToken).matches()) {
            return Optional.of(new Fault("providerToken", "must be 8 to 200 letters, digits, _ or -"));
        }
        return Optional.empty();
    }
}
