package dev.marquee.booking.waitingroom;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A show, or all shows of a movie, in queue mode: holds on it need an admission, and the people queueing for
 * each of its shows are admitted at {@code admissionsPerMinute}, strictly in the order they joined.
 *
 * @param scope what it covers
 * @param admissionsPerMinute how many people each show's queue admits per minute
 * @param admissionValidity how long an admission lets its holder place holds
 * @param automatic whether the gateway switched it on itself, because hold attempts passed the surge rate
 * @param since when it was switched on
 * @param endsAt when it ends by itself; null for a mode an operator set, which lasts until an operator ends it
 */
public record QueueMode(QueueScope scope, int admissionsPerMinute, Duration admissionValidity, boolean automatic, Instant since,
        Instant endsAt) {

    public QueueMode {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(admissionValidity, "admissionValidity");
        Objects.requireNonNull(since, "since");
        if (admissionsPerMinute < 1) {
            throw new IllegalArgumentException("admissionsPerMinute must be at least 1, got " + admissionsPerMinute);
        }
        if (admissionValidity.isNegative() || admissionValidity.isZero()) {
            throw new IllegalArgumentException("admissionValidity must be positive, got " + admissionValidity);
        }
    }

    /** Whether it is in force at {@code now}. */
    public boolean activeAt(Instant now) {
        return endsAt == null || now.isBefore(endsAt);
    }

    /** The time one admission takes at this rate. */
    public Duration admissionInterval() {
        return Duration.ofNanos(60_000_000_000L / admissionsPerMinute);
    }
}
