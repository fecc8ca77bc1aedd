package dev.marquee.gateway.catalog.search;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a client searches for.
 *
 * @param text the words, possibly misspelled
 * @param cityId only cinemas of this city, or null
 * @param from only shows on or after this local date, or null for from now
 * @param to only shows on or before this local date, or null for no end
 * @param limit at most this many movies
 */
public record SearchQuery(String text, String cityId, LocalDate from, LocalDate to, int limit) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public SearchQuery {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to: " + from + " > " + to);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within [1, " + MAX_LIMIT + "]: " + limit);
        }
    }
}
