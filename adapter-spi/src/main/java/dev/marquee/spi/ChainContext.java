package dev.marquee.spi;

import java.time.Clock;
import java.util.Optional;

/**
 * What the gateway gives an adapter besides its settings: the chain it serves and the gateway's clock,
 * logger and metrics, so that an adapter judges time as the gateway does (and as a test sets it), logs
 * where the gateway's operators look, and reports what it does.
 *
 * @param chainId the gateway's id of the chain, to be named in the adapter's exceptions
 * @param clock the gateway's clock: an adapter reads "now" from it rather than from the system, for
 *     example to judge whether a lock has expired
 * @param loggerName the name of the logger the adapter logs to (with {@link System#getLogger} or its own
 *     logging library), {@code dev.marquee.adapter.<chainId>} in the gateway
 * @param metrics where the adapter reports its calls
 * @param requestIds which gateway request a call is made for ({@link #requestId()}), since version 5
 * @since 3
 */
public record ChainContext(String chainId, Clock clock, String loggerName, ChainMetrics metrics, RequestIds requestIds) {
    /** What the gateway's logger names start with; the chain id follows. */
    public static final String LOGGER_PREFIX = "dev.marquee.adapter.";

    public ChainContext {
        Checks.text(chainId, "chainId");
        Checks.required(clock, "clock");
        Checks.text(loggerName, "loggerName");
        Checks.required(metrics, "metrics");
        Checks.required(requestIds, "requestIds");
    }

    /**
     * A context without request ids, as before version 5.
     *
     * @param chainId the chain's id
     * @param clock the gateway's clock
     * @param loggerName the adapter's logger name
     * @param metrics where the adapter reports its calls
     */
    public ChainContext(String chainId, Clock clock, String loggerName, ChainMetrics metrics) {
        this(chainId, clock, loggerName, metrics, RequestIds.NONE);
    }

    /**
     * The id of the gateway request the calling thread works for, to send to the chain (as {@link RequestIds#HEADER}
     * over HTTP); empty for the gateway's own work.
     *
     * @since 5
     */
    public Optional<String> requestId() {
        return requestIds.current();
    }

    /**
     * A context for tools and tests: the system clock in UTC, the logger the gateway would use, no metrics.
     *
     * @param chainId the chain's id
     */
    public static ChainContext of(String chainId) {
        return new ChainContext(chainId, Clock.systemUTC(), LOGGER_PREFIX + chainId, ChainMetrics.NONE);
    }
}
