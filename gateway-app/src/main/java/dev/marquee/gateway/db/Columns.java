package dev.marquee.gateway.db;

import dev.marquee.spi.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;

/** How the gateway's tables hold instants and money. */
public final class Columns {
    private Columns() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An amount read back with its currency's usual scale (a NUMERIC column may carry more digits). */
    public static Money money(BigDecimal amount, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return new Money(amount.setScale(digits, RoundingMode.UNNECESSARY), currency);
    }
}
