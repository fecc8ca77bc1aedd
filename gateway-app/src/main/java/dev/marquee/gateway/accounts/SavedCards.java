package dev.marquee.gateway.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a saved card may be: the payment provider's token for it, a brand and the last four digits. Anything that looks
 * like a card number is refused, so that one never reaches the gateway's database by mistake.
 */
final class SavedCards {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,200}");
    private static final Pattern CARD_NUMBER = Pattern.compile(".*\\d{12,}.*");
    private static final Pattern BRAND = Pattern.compile("[a-z][a-z0-9_-]{1,39}");
    private static final Pattern LAST4 = Pattern.compile("\\d{4}");

    private SavedCards() {
    }

    static List<Fault> faults(String providerToken, String brand, String last4) {
        List<Fault> faults = new ArrayList<>();
        if (providerToken == null) {
            faults.add(new Fault("providerToken", "is required"));
        } else if (CARD_NUMBER.matcher(providerToken).matches()) {
            faults.add(new Fault("providerToken", "must be the payment provider's token for the card, never its number"));
        } else if (!TOKEN.matcher(providerToken).matches()) {
            faults.add(new Fault("providerToken", "must be 8 to 200 letters, digits, _ or -"));
        }
        if (brand == null || !BRAND.matcher(brand).matches()) {
            faults.add(new Fault("brand", "must be the card's brand in lower case, such as visa or mastercard"));
        }
        if (last4 == null || !LAST4.matcher(last4).matches()) {
            faults.add(new Fault("last4", "must be the card number's last four digits"));
        }
        return faults;
    }
}
