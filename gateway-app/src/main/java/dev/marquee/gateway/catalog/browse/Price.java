package dev.marquee.gateway.catalog.browse;

import dev.marquee.spi.Money;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An amount of money as clients see it: a decimal string, so no float ever rounds it.
 *
 * @param amount the amount with the currency's decimals ("12.50")
 * @param currency ISO 4217 code
 */
@Serdeable
public record Price(String amount, String currency) {
    public static Price of(Money money) {
        return new Price(money.amount().toPlainString(), money.currency());
    }
}
