package dev.marquee.gateway.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value behind gauges that is costly to find (a query, a call to the broker): found again at most every
 * {@code freshFor}, however often the gauges are scraped, so a scrape never costs more than that. A sample that fails
 * keeps the last one, logged at WARN.
 */
public final class Sampled<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Sampled.class);

    private final String what;
    private final Supplier<T> sample;
    private final Duration freshFor;
    private final Clock clock;
    private T last;
    private Instant sampledAt = Instant.MIN;

    public Sampled(String what, Supplier<T> sample, T initial, Duration freshFor, Clock clock) {
        this.what = what;
        this.sample = sample;
        this.last = initial;
        this.freshFor = freshFor;
        this.clock = clock;
    }

    public synchronized T get() {
        Instant now = clock.instant();
        if (!sampledAt.plus(freshFor).isAfter(now) || now.isBefore(sampledAt)) {
            sampledAt = now;
            try {
                last = sample.get();
            } catch (RuntimeException e) {
                LOG.warn("Could not measure {}; its metrics keep the last value", what, e);
            }
        }
        return last;
    }
}
