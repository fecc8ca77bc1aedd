package dev.marquee.booking.waitingroom;

import java.time.Duration;
import java.util.Objects;

/**
 * How the waiting room behaves.
 *
 * @param maxAdmissionsPerMinute the highest admission rate an operator may set
 * @param minAdmissionValidity the shortest admission an operator may set
 * @param maxAdmissionValidity the longest admission an operator may set
 * @param backlog how much unused admission time a gate carries forward: after the admitters stopped (every instance
 *     down, say) a queue is not flooded with everyone it would have admitted meanwhile
 * @param modeRefresh how long an instance trusts its copy of the queue modes; a mode set on another instance applies
 *     here at most this much later
 * @param surgeAttempts hold attempts on one show within {@code surgeWindow}, from all instances together, that put it in
 *     queue mode by itself; 0 switches that off
 * @param surgeWindow the window hold attempts are counted in
 * @param surgeFlush how often an instance adds its attempts of a show to the shared count (one write per show and
 *     instance this often, rather than one per attempt)
 * @param autoAdmissionsPerMinute the admission rate of a mode switched on by a surge
 * @param autoAdmissionValidity the admission validity of a mode switched on by a surge
 * @param autoModeFor how long a mode switched on by a surge lasts, unless an operator replaces or ends it
 */
public record WaitingRoomRules(int maxAdmissionsPerMinute, Duration minAdmissionValidity, Duration maxAdmissionValidity,
        Duration backlog, Duration modeRefresh, long surgeAttempts, Duration surgeWindow, Duration surgeFlush,
        int autoAdmissionsPerMinute, Duration autoAdmissionValidity, Duration autoModeFor) {

    public WaitingRoomRules {
        Objects.requireNonNull(minAdmissionValidity, "minAdmissionValidity");
        Objects.requireNonNull(maxAdmissionValidity, "maxAdmissionValidity");
        Objects.requireNonNull(backlog, "backlog");
        Objects.requireNonNull(modeRefresh, "modeRefresh");
        Objects.requireNonNull(surgeWindow, "surgeWindow");
        Objects.requireNonNull(surgeFlush, "surgeFlush");
        Objects.requireNonNull(autoAdmissionValidity, "autoAdmissionValidity");
        Objects.requireNonNull(autoModeFor, "autoModeFor");
        if (maxAdmissionsPerMinute < 1 || autoAdmissionsPerMinute < 1 || autoAdmissionsPerMinute > maxAdmissionsPerMinute) {
            throw new IllegalArgumentException("admission rates must be from 1 to maxAdmissionsPerMinute (" + maxAdmissionsPerMinute
                    + "), got auto " + autoAdmissionsPerMinute);
        }
        if (surgeAttempts < 0) {
            throw new IllegalArgumentException("surgeAttempts must not be negative, got " + surgeAttempts);
        }
    }

    public static WaitingRoomRules defaults() {
        return new WaitingRoomRules(100_000, Duration.ofMinutes(1), Duration.ofHours(2), Duration.ofSeconds(5), Duration.ofSeconds(1),
                2_000, Duration.ofSeconds(10), Duration.ofSeconds(1), 600, Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    /** These rules with another surge threshold (0: off). */
    public WaitingRoomRules withSurgeAttempts(long attempts) {
        return new WaitingRoomRules(maxAdmissionsPerMinute, minAdmissionValidity, maxAdmissionValidity, backlog, modeRefresh, attempts,
                surgeWindow, surgeFlush, autoAdmissionsPerMinute, autoAdmissionValidity, autoModeFor);
    }

    /** Whether hold attempts switch queue mode on by themselves. */
    public boolean surgeWatched() {
        return surgeAttempts > 0;
    }
}
