package dev.marquee.sandbox.payments;

/**
 * What each test card number does, as payment providers' test modes document theirs. Spaces are
 * ignored; a number not listed is declined.
 */
final class TestCards {
    static final String SUCCEEDS = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final String INSUFFICIENT_FUNDS = "4000000000009995";
    static final String SUCCEEDS_LATE = "4000000000000259";

    /**
     * Saved test cards, by the provider's token for each (as providers' test modes have fixed tokens such as
     * {@code pm_card_visa}): what a merchant stores instead of a card, and reads back as brand and last four digits.
     */
    static final java.util.Map<String, SavedCard> SAVED = java.util.Map.of(
            "pm_card_visa", new SavedCard("pm_card_visa", "visa", "4242"),
            "pm_card_mastercard", new SavedCard("pm_card_mastercard", "mastercard", "4444"),
            "pm_card_declined", new SavedCard("pm_card_declined", "visa", "0002"));

    static final String CARD_DECLINED = "card_declined";
    static final String NO_FUNDS = "insufficient_funds";
    static final String UNKNOWN_CARD = "unknown_card";

    private TestCards() {
    }

    /** A saved card: the provider's token for it, its brand and last four digits; never its number. */
    record SavedCard(String id, String brand, String last4) {
    }

    /** What paying with a card does. */
    sealed interface Verdict {
    }

    /** The payment succeeds; with {@code late}, its webhook is held back ({@code sandbox.payments.late-delay}). */
    record Approve(boolean late) implements Verdict {
    }

    /** The payment is declined with this code. */
    record Decline(String code) implements Verdict {
    }

    static Verdict judge(String card) {
        String number = card == null ? "" : card.replace(" ", "");
        return switch (number) {
            case SUCCEEDS -> new Approve(false);
            case SUCCEEDS_LATE -> new Approve(true);
            case DECLINED -> new Decline(CARD_DECLINED);
            case INSUFFICIENT_FUNDS -> new Decline(NO_FUNDS);
            default -> new Decline(UNKNOWN_CARD);
        };
    }

    /** The last four digits, all of a card number the sandbox ever keeps or logs. */
    static String lastFour(String card) {
        String number = card == null ? "" : card.replace(" ", "");
        return number.length() <= 4 ? number : number.substring(number.length() - 4);
    }
}
