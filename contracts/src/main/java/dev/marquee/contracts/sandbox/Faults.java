package dev.marquee.contracts.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How a sandbox's theatre API misbehaves on purpose ({@code PUT /sandbox/v1/faults}); the admin API
 * always works. Start from {@link #none()} or one of the factories and add with the {@code with…}
 * methods:
 *
 * <pre>{@code
 * admin.faults(Faults.down());                                        // every theatre call answers 503
 * admin.faults(Faults.slow(Duration.ofSeconds(3)));                  // every call 3 s late
 * admin.faults(Faults.failing(0.3).withSeed(42));                    // 30 % answer 503, same ones every run
 * admin.clearFaults();
 * }</pre>
 *
 * @param latency added to every theatre-API request
 * @param latencyJitter up to this much more, drawn per request
 * @param errorRate the share of theatre-API requests (0..1) answered 503
 * @param outage every theatre-API request fails, as {@code outageMode} says
 * @param outageMode answer 503, or close the connection without answering
 * @param refuseLocks {@code POST /theatre/v1/locks} answers 503 while reads work
 * @param seed what the draws come from; null for the sandbox's {@code sandbox.faults.seed}
 */
public record Faults(Duration latency, Duration latencyJitter, double errorRate, boolean outage, OutageMode outageMode,
        boolean refuseLocks, Long seed) {

    public Faults {
        latency = nonNegative("latency", latency);
        latencyJitter = nonNegative("latencyJitter", latencyJitter);
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be from 0 to 1, was " + errorRate);
        }
        Objects.requireNonNull(outageMode, "outageMode");
    }

    /** No faults. */
    public static Faults none() {
        return new Faults(Duration.ZERO, Duration.ZERO, 0, false, OutageMode.UNAVAILABLE, false, null);
    }

    /** Every theatre-API request waits this long first. */
    public static Faults slow(Duration latency) {
        return none().withLatency(latency);
    }

    /** This share of theatre-API requests answers 503. */
    public static Faults failing(double rate) {
        return none().withErrorRate(rate);
    }

    /** Every theatre-API request answers 503. */
    public static Faults down() {
        return none().withOutage(OutageMode.UNAVAILABLE);
    }

    /** Every theatre-API request has its connection closed without an answer. */
    public static Faults refusingConnections() {
        return none().withOutage(OutageMode.REFUSE);
    }

    /** Seat locks answer 503; everything else works. */
    public static Faults refusingLocks() {
        return none().withRefuseLocks(true);
    }

    public Faults withLatency(Duration value) {
        return new Faults(value, latencyJitter, errorRate, outage, outageMode, refuseLocks, seed);
    }

    public Faults withLatencyJitter(Duration value) {
        return new Faults(latency, value, errorRate, outage, outageMode, refuseLocks, seed);
    }

    public Faults withErrorRate(double value) {
        return new Faults(latency, latencyJitter, value, outage, outageMode, refuseLocks, seed);
    }

    public Faults withOutage(OutageMode mode) {
        return new Faults(latency, latencyJitter, errorRate, true, mode, refuseLocks, seed);
    }

    public Faults withRefuseLocks(boolean value) {
        return new Faults(latency, latencyJitter, errorRate, outage, outageMode, value, seed);
    }

    public Faults withSeed(long value) {
        return new Faults(latency, latencyJitter, errorRate, outage, outageMode, refuseLocks, value);
    }

    /** Whether anything misbehaves. */
    public boolean any() {
        return !latency.isZero() || !latencyJitter.isZero() || errorRate > 0 || outage || refuseLocks;
    }

    private static Duration nonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /** What an outage does to a request. */
    public enum OutageMode {
        /** Answer {@code 503} with an {@code unavailable} problem. */
        UNAVAILABLE("unavailable"),
        /** Close the connection without an answer. */
        REFUSE("refuse");

        private final String wireName;

        OutageMode(String wireName) {
            this.wireName = wireName;
        }

        /** As the admin API spells it. */
        public String wireName() {
            return wireName;
        }

        static OutageMode of(String wireName) {
            for (OutageMode mode : values()) {
                if (mode.wireName.equals(wireName)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown outage mode: " + wireName);
        }
    }
}
