package dev.marquee.spi;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount of money.
 *
 * @param amount not negative, at most the currency's minor-unit precision
 * @param currency ISO 4217 code ("EUR")
 */
public record Money(BigDecimal amount, String currency) {
    public Money {
        Checks.required(amount, "amount");
        Checks.required(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        Currency unit;
        try {
            unit = Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency is not an ISO 4217 code: " + currency, e);
        }
        if (amount.scale() > unit.getDefaultFractionDigits()) {
            throw new IllegalArgumentException("amount has more decimals than " + currency + " allows: " + amount);
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }
}
