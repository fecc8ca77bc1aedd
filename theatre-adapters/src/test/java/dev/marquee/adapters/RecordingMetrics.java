package dev.marquee.adapters;

import dev.marquee.spi.ChainContext;
import dev.marquee.spi.ChainMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Metrics that remember each reported call as "operation answered" or "operation failed". */
public final class RecordingMetrics implements ChainMetrics {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** A context for the chain on the system clock that reports to these metrics. */
    public ChainContext context(String chainId) {
        return new ChainContext(chainId, Clock.systemUTC(), ChainContext.LOGGER_PREFIX + chainId, this);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void timing(String operation, Duration took, boolean failed) {
        calls.add(operation + (failed ? " failed" : " answered"));
    }

    @Override
    public void count(String name) {
    }
}
