package dev.marquee.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Argument checks shared by the value records, so every rejection names its field. */
final class Checks {
    private Checks() {
    }

    static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static String text(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static <T> List<T> list(List<T> values, String field) {
        return List.copyOf(required(values, field));
    }

    static <T> Set<T> set(Set<T> values, String field) {
        return Set.copyOf(required(values, field));
    }

    static int notNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
        return value;
    }
}
