package dev.marquee.booking.support;

import java.util.function.Supplier;

/**
 * Runs work atomically: every store change made inside it happens, or none does, and other callers
 * see all of it or nothing. Stores called inside join the transaction.
 */
@FunctionalInterface
public interface Transactions {
    <T> T atomically(Supplier<T> work);
}
