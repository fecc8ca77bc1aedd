package dev.marquee.sandbox.payments;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/** Amounts travel as decimal strings ("18.00") and are kept as whole minor units (1800) of their currency. */
final class Money {
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,12}(\\.\\d{1,4})?");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Money() {
    }

    /** The ISO 4217 currency with this code. */
    static Currency currency(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as GBP, was " + quoted(code));
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw new IllegalArgumentException("currency " + code + " has no minor unit to pay in");
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as GBP, was " + quoted(code));
        }
    }

    /** Minor units of {@code amount}, which must be positive and have no more decimals than the currency. */
    static long minorUnits(String amount, Currency currency) {
        if (amount == null || !DECIMAL.matcher(amount).matches()) {
            throw new IllegalArgumentException("amount must be a decimal string such as \"18.00\", was " + quoted(amount));
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("amount must be more than zero, was \"" + amount + "\"");
        }
        if (value.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            throw new IllegalArgumentException("amount has more decimals than " + currency.getCurrencyCode() + " has: \""
                    + amount + "\"");
        }
        return value.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
    }

    /** {@code 1800} GBP as {@code "18.00"}. */
    static String format(long minorUnits, String currencyCode) {
        int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
        return BigDecimal.valueOf(minorUnits, digits).toPlainString();
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "\"" + value + "\"";
    }
}
