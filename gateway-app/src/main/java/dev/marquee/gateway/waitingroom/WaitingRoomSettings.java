package dev.marquee.gateway.waitingroom;

import dev.marquee.booking.waitingroom.WaitingRoomRules;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How the virtual waiting room behaves, from {@code marquee.waiting-room.*}.
 *
 * @param admitInterval how often each instance's admitter runs a round (default 1 s); the rate does not depend on it
 * @param maxAdmissionsPerMinute highest admission rate an operator may set (default 100000)
 * @param minAdmissionValidity shortest admission an operator may set (default 1 minute)
 * @param maxAdmissionValidity longest admission an operator may set (default 2 hours)
 * @param backlog unused admission time a gate carries forward at most (default 5 s)
 * @param modeRefresh how long an instance trusts its copy of the queue modes (default 1 s)
 * @param surgeAttempts hold attempts on one show within {@code surgeWindow}, all instances together, that put the show
 *     in queue mode by itself; 0 switches that off (default 2000, i.e. 200 a second)
 * @param surgeWindow the window hold attempts are counted in (default 10 s)
 * @param surgeFlush how often an instance adds its count of a show to the shared one (default 1 s)
 * @param autoAdmissionsPerMinute the rate of a mode a surge switched on (default 600)
 * @param autoAdmissionValidity the admission validity of a mode a surge switched on (default 10 minutes)
 * @param autoModeFor how long a mode a surge switched on lasts (default 30 minutes)
 */
@ConfigurationProperties("marquee.waiting-room")
public record WaitingRoomSettings(
        @Nullable Duration admitInterval,
        @Nullable Integer maxAdmissionsPerMinute,
        @Nullable Duration minAdmissionValidity,
        @Nullable Duration maxAdmissionValidity,
        @Nullable Duration backlog,
        @Nullable Duration modeRefresh,
        @Nullable Long surgeAttempts,
        @Nullable Duration surgeWindow,
        @Nullable Duration surgeFlush,
        @Nullable Integer autoAdmissionsPerMinute,
        @Nullable Duration autoAdmissionValidity,
        @Nullable Duration autoModeFor) {

    public WaitingRoomSettings {
        WaitingRoomRules defaults = WaitingRoomRules.defaults();
        admitInterval = positive(admitInterval, Duration.ofSeconds(1), "admit-interval");
        maxAdmissionsPerMinute = maxAdmissionsPerMinute == null ? defaults.maxAdmissionsPerMinute() : maxAdmissionsPerMinute;
        minAdmissionValidity = positive(minAdmissionValidity, defaults.minAdmissionValidity(), "min-admission-validity");
        maxAdmissionValidity = positive(maxAdmissionValidity, defaults.maxAdmissionValidity(), "max-admission-validity");
        backlog = positive(backlog, defaults.backlog(), "backlog");
        modeRefresh = positive(modeRefresh, defaults.modeRefresh(), "mode-refresh");
        surgeAttempts = surgeAttempts == null ? defaults.surgeAttempts() : surgeAttempts;
        surgeWindow = positive(surgeWindow, defaults.surgeWindow(), "surge-window");
        surgeFlush = positive(surgeFlush, defaults.surgeFlush(), "surge-flush");
        autoAdmissionsPerMinute = autoAdmissionsPerMinute == null ? defaults.autoAdmissionsPerMinute() : autoAdmissionsPerMinute;
        autoAdmissionValidity = positive(autoAdmissionValidity, defaults.autoAdmissionValidity(), "auto-admission-validity");
        autoModeFor = positive(autoModeFor, defaults.autoModeFor(), "auto-mode-for");
        if (maxAdmissionsPerMinute < 1) {
            throw new ConfigurationException("marquee.waiting-room.max-admissions-per-minute must be at least 1, got "
                    + maxAdmissionsPerMinute);
        }
        if (autoAdmissionsPerMinute < 1 || autoAdmissionsPerMinute > maxAdmissionsPerMinute) {
            throw new ConfigurationException("marquee.waiting-room.auto-admissions-per-minute must be from 1 to "
                    + "max-admissions-per-minute (" + maxAdmissionsPerMinute + "), got " + autoAdmissionsPerMinute);
        }
        if (surgeAttempts < 0) {
            throw new ConfigurationException("marquee.waiting-room.surge-attempts must be 0 (off) or more, got " + surgeAttempts);
        }
        if (minAdmissionValidity.compareTo(maxAdmissionValidity) > 0) {
            throw new ConfigurationException("marquee.waiting-room.min-admission-validity must not be longer than "
                    + "max-admission-validity, got " + minAdmissionValidity + " and " + maxAdmissionValidity);
        }
    }

    public WaitingRoomRules rules() {
        return new WaitingRoomRules(maxAdmissionsPerMinute, minAdmissionValidity, maxAdmissionValidity, backlog, modeRefresh, surgeAttempts,
                surgeWindow, surgeFlush, autoAdmissionsPerMinute, autoAdmissionValidity, autoModeFor);
    }

    private static Duration positive(@Nullable Duration value, Duration otherwise, String key) {
        Duration chosen = value == null ? otherwise : value;
        if (chosen.isNegative() || chosen.isZero()) {
            throw new ConfigurationException("marquee.waiting-room." + key + " must be positive, got " + chosen);
        }
        return chosen;
    }
}
