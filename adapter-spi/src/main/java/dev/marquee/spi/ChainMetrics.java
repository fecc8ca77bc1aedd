package dev.marquee.spi;

import java.time.Duration;

/**
 * Where an adapter reports what it does, for the gateway's logs and metrics: how long each call to the
 * chain took and whether it failed, and anything else worth counting. The gateway implements it and hands
 * it over in {@link ChainContext#metrics()}; an adapter only calls it.
 *
 * <p>Implementations are cheap, thread-safe and never throw, so an adapter may call them on every request
 * without guarding. Names are low in cardinality (an operation such as {@code lockSeats}, never a show or
 * lock id), so that a gateway can turn each into a metric.
 */
public interface ChainMetrics {

    /** Reports nothing: for tools, tests, and gateways that do not measure. */
    ChainMetrics NONE = new ChainMetrics() {
        @Override
        public void timing(String operation, Duration took, boolean failed) {
        }

        @Override
        public void count(String name) {
        }

        @Override
        public String toString() {
            return "ChainMetrics.NONE";
        }
    };

    /**
     * One call to the chain.
     *
     * @param operation what was called, such as {@code readSeats} or {@code lockSeats}
     * @param took how long it took
     * @param failed whether it failed (the chain was unreachable, slow, or broke its contract), as opposed
     *     to answering, whatever the answer
     */
    void timing(String operation, Duration took, boolean failed);

    /** One occurrence of something that is not a call, such as a seat claim another writer won. */
    void count(String name);
}
