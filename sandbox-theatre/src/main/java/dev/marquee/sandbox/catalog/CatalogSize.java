package dev.marquee.sandbox.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How big a generated chain is. */
public enum CatalogSize {
    /** 2 cities, 2 cinemas each, 2 halls each, 3 days: about a hundred shows, for fast tests. */
    SMALL(2, 2, 2, 2, 3),
    /** 5 cities, 3 cinemas each, 4–6 halls each, 14 days: a few thousand shows. */
    MEDIUM(5, 3, 4, 6, 14),
    /** 36 cities, 5 cinemas each, 7–10 halls each, 14 days: about 100,000 shows, for sync benchmarks. */
    LARGE(36, 5, 7, 10, 14);

    final int cities;
    final int cinemasPerCity;
    final int minHalls;
    final int maxHalls;
    final int days;

    CatalogSize(int cities, int cinemasPerCity, int minHalls, int maxHalls, int days) {
        this.cities = cities;
        this.cinemasPerCity = cinemasPerCity;
        this.minHalls = minHalls;
        this.maxHalls = maxHalls;
        this.days = days;
    }

    public int days() {
        return days;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code small}, {@code medium} or {@code large}, naming the setting when the value is none of them. */
    public static CatalogSize parse(String key, String value) {
        for (CatalogSize size : values()) {
            if (size.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return size;
            }
        }
        throw new IllegalArgumentException(key + " must be one of "
                + Arrays.stream(values()).map(CatalogSize::label).collect(Collectors.joining(", ")) + ", was '" + value + "'");
    }
}
