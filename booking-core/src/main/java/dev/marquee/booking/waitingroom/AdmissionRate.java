package dev.marquee.booking.waitingroom;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How many people a show's queue may admit now, from the rate and how far its admissions are accounted. Each
 * admission uses up one interval (a minute divided by the rate) of the time since; what is left of an interval is
 * kept for the next round, so admitters calling at any cadence, on any number of instances, together admit at the
 * rate. Microseconds, as the database keeps them.
 *
 * @param admissions how many may be admitted
 * @param accountedUpTo how far admissions are accounted once they are
 */
public record AdmissionRate(int admissions, Instant accountedUpTo) {
    private static final long MICROS_PER_MINUTE = 60_000_000L;

    /**
     * @param accountedUpTo how far the show's admissions were accounted (the gate)
     * @param perMinute the rate
     * @param backlog how much unused time counts at most; never less than one admission's interval
     */
    public static AdmissionRate due(Instant accountedUpTo, Instant now, int perMinute, Duration backlog) {
        // At least one admission's worth carries over, or a rate slower than one per backlog would never admit anyone.
        Duration carried = max(backlog, Duration.ofNanos(MICROS_PER_MINUTE * 1000 / perMinute));
        Instant from = accountedUpTo.isBefore(now.minus(carried)) ? now.minus(carried) : accountedUpTo;
        long elapsed = Math.max(0, from.until(now, ChronoUnit.MICROS));
        long due = Math.multiplyExact(elapsed, (long) perMinute) / MICROS_PER_MINUTE;
        return new AdmissionRate(Math.toIntExact(due), from.plus(due * MICROS_PER_MINUTE / perMinute, ChronoUnit.MICROS));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Accounting once only {@code admitted} of them were: a queue that ran dry carries nothing forward, so people who
     * join later are admitted at the rate, not all at once.
     */
    public Instant accountedAfter(int admitted, Instant now) {
        return admitted < admissions ? now : accountedUpTo;
    }
}
