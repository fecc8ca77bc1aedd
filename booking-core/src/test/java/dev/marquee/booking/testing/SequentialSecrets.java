package dev.marquee.booking.testing;

import dev.marquee.booking.tokens.Secrets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Predictable ids and tokens: {@code hld_1}, {@code hld_2}, {@code bkg_1}, … and {@code token-1}, {@code token-2}, … */
public final class SequentialSecrets implements Secrets {
    private final ConcurrentHashMap<String, AtomicInteger> ids = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();

    @Override
    public String newId(String prefix) {
        return prefix + "_" + ids.computeIfAbsent(prefix, p -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public String newToken() {
        return "token-" + tokens.incrementAndGet();
    }
}
