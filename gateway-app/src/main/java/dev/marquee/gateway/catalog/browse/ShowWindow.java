package dev.marquee.gateway.catalog.browse;

import dev.marquee.gateway.catalog.Show;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Which shows a listing offers: those on sale at {@code now} (scheduled, not started) that start in
 * {@code [from, until)}. Dates are local to a city, so a window for a date depends on its time zone.
 *
 * @param now the moment the listing is made
 * @param from earliest start, inclusive
 * @param until latest start, exclusive; null for no end
 */
public record ShowWindow(Instant now, Instant from, Instant until) {
    public ShowWindow {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(from, "from");
    }

    /** Everything from now on. */
    public static ShowWindow fromNow(Instant now) {
        return new ShowWindow(now, now, null);
    }

    /** From now for a while ("the next 14 days"). */
    public static ShowWindow next(Duration length, Instant now) {
        return new ShowWindow(now, now, now.plus(length));
    }

    /** The local day {@code date} in {@code zone}, or from now on when there is no date. */
    public static ShowWindow on(LocalDate date, ZoneId zone, Instant now) {
        return date == null ? fromNow(now) : days(date, date, zone, now);
    }

    /** The local days {@code first} to {@code last} inclusive in {@code zone}; either end may be open (null). */
    public static ShowWindow days(LocalDate first, LocalDate last, ZoneId zone, Instant now) {
        Instant from = first == null ? now : first.atStartOfDay(zone).toInstant();
        Instant until = last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant();
        return new ShowWindow(now, from, until);
    }

    public boolean contains(Show show) {
        return show.isOnSale(now)
                && !show.startsAt().isBefore(from)
                && (until == null || show.startsAt().isBefore(until));
    }
}
