package dev.marquee.gateway.catalog;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/** How gateway ids are made from what chains call things. */
public final class CatalogIds {
    private CatalogIds() {
    }

    /** The id of a thing a chain owns (cinema, hall, show): {@code <chainId>:<ref>}. */
    public static String scoped(String chainId, String ref) {
        return chainId + ":" + ref;
    }

    /** The chain part of a {@link #scoped} id, if it has one. */
    public static Optional<String> chainOf(String scopedId) {
        int colon = scopedId.indexOf(':');
        return colon > 0 ? Optional.of(scopedId.substring(0, colon)) : Optional.empty();
    }

    /** A city shared by chains: "Manchester", "GB" → {@code manchester-gb}. */
    public static String city(String name, String countryCode) {
        return slug(name + " " + countryCode);
    }

    /** A movie shared by chains: "Interstellar", 2014-11-07 → {@code interstellar-2014}. */
    public static String movie(String title, LocalDate releaseDate) {
        return releaseDate == null ? slug(title) : slug(title + " " + releaseDate.getYear());
    }

    /** Lower-case ASCII letters and digits joined by single dashes; accents are dropped ("Zürich" → "zurich"). */
    public static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "x" : slug;
    }
}
