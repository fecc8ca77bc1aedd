package dev.marquee.gateway.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits, bounded, for something asynchronous to happen, and fails with the last value seen. */
public final class Eventually {
    private Eventually() {
    }

    public static <T> T await(String what, Duration limit, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + limit + ", still not " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            last = read.get();
        }
        return last;
    }
}
