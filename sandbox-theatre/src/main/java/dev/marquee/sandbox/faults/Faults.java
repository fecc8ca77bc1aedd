package dev.marquee.sandbox.faults;

/**
 * How the theatre API misbehaves on purpose; {@link #NONE} when it behaves. The admin API is never affected.
 *
 * @param latencyMs added to every theatre-API request before it is answered
 * @param latencyJitterMs up to this much more, drawn per request
 * @param errorRate the share of theatre-API requests (0..1) answered 503, drawn per request
 * @param outage every theatre-API request fails, as {@link #outageMode} says
 * @param outageMode {@link OutageMode#UNAVAILABLE} answers 503, {@link OutageMode#REFUSE} closes the connection
 * @param refuseLocks {@code POST /theatre/v1/locks} answers 503 while everything else works
 * @param seed what the per-request draws (jitter, error rate) come from; the same seed, the same draws
 */
public record Faults(long latencyMs, long latencyJitterMs, double errorRate, boolean outage, OutageMode outageMode,
        boolean refuseLocks, long seed) {

    /** Longest latency or jitter accepted, so that a typo cannot hang a test run for hours. */
    public static final long MAX_LATENCY_MS = 300_000;

    public Faults {
        requireWithin("latencyMs", latencyMs, MAX_LATENCY_MS);
        requireWithin("latencyJitterMs", latencyJitterMs, MAX_LATENCY_MS);
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new InvalidFault("errorRate", "errorRate must be a number from 0 to 1, was " + errorRate);
        }
        if (outageMode == null) {
            outageMode = OutageMode.UNAVAILABLE;
        }
    }

    /** No faults, draws from {@code seed}. */
    public static Faults none(long seed) {
        return new Faults(0, 0, 0, false, OutageMode.UNAVAILABLE, false, seed);
    }

    /** Whether anything is switched on. */
    public boolean any() {
        return latencyMs > 0 || latencyJitterMs > 0 || errorRate > 0 || outage || refuseLocks;
    }

    private static void requireWithin(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new InvalidFault(field, field + " must be from 0 to " + max + " milliseconds, was " + value);
        }
    }

    /** What an outage does to a request. */
    public enum OutageMode {
        /** Answer {@code 503} with an {@code unavailable} problem. */
        UNAVAILABLE("unavailable"),
        /** Close the connection without answering, as a crashed server or a dropped network would. */
        REFUSE("refuse");

        private final String wireName;

        OutageMode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static OutageMode parse(String value) {
            for (OutageMode mode : values()) {
                if (mode.wireName.equals(value)) {
                    return mode;
                }
            }
            throw new InvalidFault("outageMode", "outageMode must be \"unavailable\" or \"refuse\", was \"" + value + "\"");
        }
    }

    /** A setting that makes no sense; names the field at fault. */
    public static final class InvalidFault extends IllegalArgumentException {
        private final String field;

        InvalidFault(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
