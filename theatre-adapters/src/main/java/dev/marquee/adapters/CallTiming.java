package dev.marquee.adapters;

import dev.marquee.spi.ChainContext;
import dev.marquee.spi.ChainMetrics;
import java.time.Duration;

/**
 * Reports each call an adapter makes to its chain to the gateway's {@link ChainMetrics}: the SPI
 * operation it serves, how long it took, and whether it failed. A hook that throws is logged and
 * ignored, so measuring never breaks a call.
 */
public final class CallTiming {
    private final ChainMetrics metrics;
    private final System.Logger log;

    public CallTiming(ChainContext context) {
        this.metrics = context.metrics();
        this.log = System.getLogger(context.loggerName());
    }

    /** A start to hand to {@link #report} once the call is over. */
    public static long start() {
        return System.nanoTime();
    }

    /**
     * Reports one call.
     *
     * @param call what was called, for messages ("lockSeats of show 42"); its first word, the SPI method,
     *     is the operation reported, so that show and lock ids never become metric names
     * @param started what {@link #start()} returned before the call
     * @param failed whether the call failed rather than answered
     */
    public void report(String call, long started, boolean failed) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String operation = call.split(" ", 2)[0];
        try {
            metrics.timing(operation, took, failed);
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "The metrics hook failed on {0}; the call went on: {1}", operation, e.toString());
        }
    }
}
