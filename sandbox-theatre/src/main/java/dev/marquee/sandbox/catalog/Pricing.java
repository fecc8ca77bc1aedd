package dev.marquee.sandbox.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ticket prices: a base by format, cheaper before 13:00, dearer from 17:30 and at weekends, premium
 * seats a surcharge, wheelchair spaces at the standard price. A show refers to a price tier by id.
 */
public final class Pricing {
    public static final List<String> FORMATS = List.of("2D", "3D", "IMAX");
    public static final List<String> CATEGORIES = List.of("standard", "premium", "wheelchair");

    private static final Map<String, BigDecimal> BASE_EUR = Map.of(
            "2D", new BigDecimal("9.50"), "3D", new BigDecimal("12.00"), "IMAX", new BigDecimal("15.50"));
    /** Rough price level of a cinema ticket in other currencies, relative to EUR. */
    private static final Map<String, BigDecimal> LEVEL = Map.ofEntries(
            Map.entry("EUR", BigDecimal.ONE), Map.entry("GBP", new BigDecimal("0.90")), Map.entry("USD", new BigDecimal("1.10")),
            Map.entry("CHF", new BigDecimal("1.40")), Map.entry("SEK", new BigDecimal("12")), Map.entry("NOK", new BigDecimal("13")),
            Map.entry("DKK", new BigDecimal("8")), Map.entry("PLN", new BigDecimal("3")), Map.entry("CZK", new BigDecimal("18")),
            Map.entry("HUF", new BigDecimal("280")));

    private final String currency;

    public Pricing(String currency) {
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /** The tier of a show of this format starting at this local time, e.g. {@code 3D-EVENING-WE}. */
    public static String tierFor(String format, LocalDateTime localStart) {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("format must be one of " + FORMATS + ", was '" + format + "'");
        }
        return format + "-" + band(localStart) + (weekend(localStart) ? "-WE" : "");
    }

    /** Every tier with its price per category. */
    public List<Catalog.PriceTier> allTiers() {
        List<Catalog.PriceTier> tiers = new ArrayList<>();
        for (String format : FORMATS) {
            for (String band : List.of("MATINEE", "DAY", "EVENING")) {
                for (boolean weekend : List.of(false, true)) {
                    String id = format + "-" + band + (weekend ? "-WE" : "");
                    BigDecimal standard = BASE_EUR.get(format)
                            .add(switch (band) {
                                case "MATINEE" -> new BigDecimal("-1.50");
                                case "EVENING" -> new BigDecimal("2.00");
                                default -> BigDecimal.ZERO;
                            })
                            .add(weekend ? BigDecimal.ONE : BigDecimal.ZERO);
                    tiers.add(new Catalog.PriceTier(id, "standard", local(standard)));
                    tiers.add(new Catalog.PriceTier(id, "premium", local(standard.add(new BigDecimal("3.50")))));
                    tiers.add(new Catalog.PriceTier(id, "wheelchair", local(standard)));
                }
            }
        }
        return tiers;
    }

    private BigDecimal local(BigDecimal eur) {
        BigDecimal level = LEVEL.getOrDefault(currency, BigDecimal.ONE);
        BigDecimal amount = eur.multiply(level);
        if (level.compareTo(new BigDecimal("5")) >= 0) {
            return amount.setScale(0, RoundingMode.HALF_UP).setScale(2, RoundingMode.UNNECESSARY);
        }
        // round to half units, as box offices do
        return amount.multiply(BigDecimal.TWO).setScale(0, RoundingMode.HALF_UP)
                .divide(BigDecimal.TWO, 2, RoundingMode.UNNECESSARY);
    }

    private static String band(LocalDateTime start) {
        int minutes = start.getHour() * 60 + start.getMinute();
        if (minutes < 13 * 60) {
            return "MATINEE";
        }
        return minutes >= 17 * 60 + 30 ? "EVENING" : "DAY";
    }

    private static boolean weekend(LocalDateTime start) {
        DayOfWeek day = start.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY
                || (day == DayOfWeek.FRIDAY && start.getHour() >= 17);
    }
}
