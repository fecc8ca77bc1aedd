package dev.marquee.adapters;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads values out of an adapter's flat settings map, every rejection naming the key (and the value,
 * for settings that are not secret). Shared by the adapters of this module.
 */
public final class SettingValues {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private SettingValues() {
    }

    /** Reads ISO-8601 ({@code PT2S}) or a short form ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}); must be positive. */
    public static Duration duration(String key, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher shortForm = SHORT_DURATION.matcher(text);
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                duration = switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } else {
                duration = Duration.parse(value.strip());
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " is not a duration (such as 2s, 500ms or PT2S): " + value, e);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be positive: " + value);
        }
        return duration;
    }

    /** Reads a whole number within {@code [min, max]}, or the fallback when the value is absent. */
    public static int wholeNumber(String key, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: " + value, e);
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(key + " must be within [" + min + ", " + max + "]: " + value);
        }
        return number;
    }
}
