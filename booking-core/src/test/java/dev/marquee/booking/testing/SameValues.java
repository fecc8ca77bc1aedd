package dev.marquee.booking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

/** Compares what a store gives back with what went in, field by field, amounts by value (12.5 is 12.50). */
public final class SameValues {
    private SameValues() {
    }

    public static <T> void assertSameValues(T actual, T expected) {
        assertThat(actual).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected);
    }
}
