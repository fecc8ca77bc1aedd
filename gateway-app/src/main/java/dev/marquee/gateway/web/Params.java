package dev.marquee.gateway.web;

import dev.marquee.spi.GeoPoint;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads query parameters that need more than a type conversion, naming the parameter when they are wrong. */
public final class Params {
    private Params() {
    }

    /** Four digits of year: {@link LocalDate#parse} also takes "-0001-01-01" and "+12026-01-01", which are not dates here. */
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** A local date as {@code YYYY-MM-DD}, or null when absent. */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // answered below, like any other text that is not a date
        }
        throw InvalidParametersException.of(name, "must be a date as YYYY-MM-DD, got " + Problem.quote(value));
    }

    /** The local dates {@code from} to {@code to}; either may be absent, but from must not be after to. */
    public static DateRange dateRange(String fromName, String from, String toName, String to) {
        List<InvalidParam> wrong = new ArrayList<>();
        LocalDate first = collect(wrong, () -> date(fromName, from));
        LocalDate last = collect(wrong, () -> date(toName, to));
        if (!wrong.isEmpty()) {
            throw new InvalidParametersException(wrong);
        }
        if (first != null && last != null && first.isAfter(last)) {
            throw new InvalidParametersException(List.of(
                    new InvalidParam(fromName, "must not be after " + toName + " (" + first + " > " + last + ")"),
                    new InvalidParam(toName, "must not be before " + fromName + " (" + last + " < " + first + ")")));
        }
        return new DateRange(first, last);
    }

    /** Local dates from and to, inclusive; either may be null for an open end. */
    public record DateRange(LocalDate from, LocalDate to) {
    }

    private static LocalDate collect(List<InvalidParam> wrong, java.util.function.Supplier<LocalDate> read) {
        try {
            return read.get();
        } catch (InvalidParametersException e) {
            wrong.addAll(e.params());
            return null;
        }
    }

    /** The client's position from {@code lat} and {@code lon}: both or neither, each within range. */
    public static GeoPoint origin(Double lat, Double lon) {
        if (lat == null && lon == null) {
            return null;
        }
        List<InvalidParam> wrong = new ArrayList<>();
        if (lat == null) {
            wrong.add(new InvalidParam("lat", "is required when lon is given"));
        } else if (!(lat >= -90 && lat <= 90)) {
            wrong.add(new InvalidParam("lat", "must be within [-90, 90], got " + lat));
        }
        if (lon == null) {
            wrong.add(new InvalidParam("lon", "is required when lat is given"));
        } else if (!(lon >= -180 && lon <= 180)) {
            wrong.add(new InvalidParam("lon", "must be within [-180, 180], got " + lon));
        }
        if (!wrong.isEmpty()) {
            throw new InvalidParametersException(wrong);
        }
        return new GeoPoint(lat, lon);
    }
}
