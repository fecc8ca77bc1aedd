package dev.marquee.adapters.jdbc;

import static dev.marquee.adapters.jdbc.SeatRecords.instant;
import static dev.marquee.adapters.jdbc.SeatRecords.utc;

import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.Cinema;
import dev.marquee.spi.City;
import dev.marquee.spi.GeoPoint;
import dev.marquee.spi.Hall;
import dev.marquee.spi.Money;
import dev.marquee.spi.Movie;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatLayout;
import dev.marquee.spi.SeatPrice;
import dev.marquee.spi.Show;
import dev.marquee.spi.ShowStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads catalogue changes straight from the chain's tables, as {@code contracts/sandbox-schema.md}
 * ("Reading catalogue changes") describes: every row whose revision is above the read's start, shows a
 * page at a time in revision order. A show that changes during the read gets a higher revision and
 * comes again on a later page; the later version wins, so each thing is listed once.
 *
 * <p>The cursor is {@code r.<revision>}, the highest revision delivered, the same form as the sandbox's
 * theatre API hands out once a read is done; the next read starts {@code overlap} revisions below it, so
 * that a transaction which took its revision early but committed late is still seen.
 */
final class CatalogQueries {
    private static final String CURSOR_PREFIX = "r.";

    private final Connection connection;
    private final int pageSize;
    private final Instant now;

    private final Map<String, City> cities = new LinkedHashMap<>();
    private final Map<String, Cinema> cinemas = new LinkedHashMap<>();
    private final Map<String, Hall> halls = new LinkedHashMap<>();
    private final Map<String, Movie> movies = new LinkedHashMap<>();
    private final Map<String, Show> shows = new LinkedHashMap<>();
    private long highest;

    private CatalogQueries(Connection connection, int pageSize, Instant now) {
        this.connection = connection;
        this.pageSize = pageSize;
        this.now = now;
    }

    /** The revision a cursor stands at: 0 for {@link CatalogCursor#START}. */
    static long revisionOf(CatalogCursor cursor) {
        if (cursor.isStart()) {
            return 0;
        }
        String value = cursor.value();
        if (value.startsWith(CURSOR_PREFIX)) {
            try {
                long revision = Long.parseLong(value.substring(CURSOR_PREFIX.length()));
                if (revision >= 0) {
                    return revision;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a catalogue cursor of this chain");
    }

    static CatalogChanges read(Connection connection, CatalogCursor since, int pageSize, int overlap, Instant now)
            throws SQLException {
        long seen = revisionOf(since);
        long from = since.isStart() ? 0 : Math.max(0, seen - overlap);
        CatalogQueries read = new CatalogQueries(connection, pageSize, now);
        read.highest = seen;
        read.readEntities(from);
        read.readShows(from);
        return new CatalogChanges(since.isStart(), List.copyOf(read.cities.values()), List.copyOf(read.cinemas.values()),
                List.copyOf(read.halls.values()), List.copyOf(read.movies.values()), List.copyOf(read.shows.values()),
                new CatalogCursor(CURSOR_PREFIX + read.highest));
    }

    private void readEntities(long from) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, name, country_code, time_zone, revision FROM cities WHERE revision > ? ORDER BY revision")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    put(cities, new City(rs.getString(1), rs.getString(2), trimmed(rs.getString(3)), ZoneId.of(rs.getString(4))),
                            City::ref, rs.getLong(5));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, city_id, name, address, latitude, longitude, revision FROM cinemas WHERE revision > ? ORDER BY revision")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    put(cinemas, new Cinema(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            new GeoPoint(rs.getDouble(5), rs.getDouble(6))), Cinema::ref, rs.getLong(7));
                }
            }
        }
        readHalls(from);
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, title, description, genres, runtime_minutes, rating, release_date, poster_url, trailer_url, revision"
                        + " FROM movies WHERE revision > ? ORDER BY revision")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    put(movies, new Movie(rs.getString(1), rs.getString(2), rs.getString(3), genres(rs.getString(4)),
                            Duration.ofMinutes(rs.getInt(5)), rs.getString(6), rs.getObject(7, LocalDate.class),
                            uri(rs.getString(8)), uri(rs.getString(9))), Movie::ref, rs.getLong(10));
                }
            }
        }
    }

    private void readHalls(long from) throws SQLException {
        Map<String, List<Seat>> seats = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT s.hall_id, s.id, s.row_label, s.seat_number, s.x, s.y, s.category FROM seats s"
                        + " WHERE s.hall_id IN (SELECT h.id FROM halls h WHERE h.revision > ?) ORDER BY s.hall_id, s.y, s.x")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seats.computeIfAbsent(rs.getString(1), hall -> new ArrayList<>()).add(new Seat(
                            rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getString(7)));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, cinema_id, name, revision FROM halls WHERE revision > ? ORDER BY revision")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    put(halls, new Hall(id, rs.getString(2), rs.getString(3), new SeatLayout(seats.getOrDefault(id, List.of()))),
                            Hall::ref, rs.getLong(4));
                }
            }
        }
    }

    private void readShows(long from) throws SQLException {
        Map<String, List<SeatPrice>> prices = prices();
        long after = from;
        while (true) {
            List<ShowRow> page = showsAfter(after);
            Map<String, Integer> taken = takenSeats(page.stream().map(ShowRow::id).toList());
            for (ShowRow row : page) {
                int available = Math.max(0, row.capacity() - taken.getOrDefault(row.id(), 0));
                Show show = new Show(row.id(), row.movieId(), row.hallId(), row.startsAt(), row.endsAt(), row.format(),
                        row.language(), ShowStatus.valueOf(row.status()), prices.getOrDefault(row.priceTier(), List.of()), available);
                put(shows, show, Show::ref, row.revision());
            }
            if (page.size() < pageSize) {
                return;
            }
            after = page.getLast().revision();
        }
    }

    private record ShowRow(String id, String movieId, String hallId, Instant startsAt, Instant endsAt, String format,
            String language, String status, String priceTier, long revision, int capacity) {
    }

    private List<ShowRow> showsAfter(long after) throws SQLException {
        List<ShowRow> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT s.id, s.movie_id, s.hall_id, s.starts_at, s.ends_at, s.format, s.language, s.status, s.price_tier,"
                        + " s.revision, h.capacity FROM shows s JOIN halls h ON h.id = s.hall_id"
                        + " WHERE s.revision > ? ORDER BY s.revision LIMIT ?")) {
            ps.setLong(1, after);
            ps.setInt(2, pageSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ShowRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getInt(11)));
                }
            }
        }
        return rows;
    }

    /** Held (by a live lock) or sold seats of each of the shows. */
    private Map<String, Integer> takenSeats(List<String> showIds) throws SQLException {
        Map<String, Integer> taken = new HashMap<>();
        if (showIds.isEmpty()) {
            return taken;
        }
        Array ids = connection.createArrayOf("varchar", showIds.toArray());
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.show_id, COUNT(*) FROM seat_claims c JOIN locks l ON l.id = c.lock_id"
                        + " WHERE c.show_id = ANY (?) AND (c.booking_id IS NOT NULL OR l.expires_at > ?) GROUP BY c.show_id")) {
            ps.setArray(1, ids);
            ps.setObject(2, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.put(rs.getString(1), rs.getInt(2));
                }
            }
        } finally {
            ids.free();
        }
        return taken;
    }

    /** Every price tier with its price per seat category, in the chain's currency. */
    private Map<String, List<SeatPrice>> prices() throws SQLException {
        String currency;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT currency FROM chain WHERE id = 1")) {
            if (!rs.next()) {
                throw new IllegalArgumentException("the chain table has no row with id 1, so prices have no currency");
            }
            currency = trimmed(rs.getString(1));
        }
        Map<String, List<SeatPrice>> tiers = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT tier, category, amount FROM price_tiers ORDER BY tier, category")) {
            while (rs.next()) {
                tiers.computeIfAbsent(rs.getString(1), tier -> new ArrayList<>())
                        .add(new SeatPrice(rs.getString(2), new Money(rs.getBigDecimal(3), currency)));
            }
        }
        return tiers;
    }

    private <T> void put(Map<String, T> byRef, T thing, java.util.function.Function<T, String> ref, long revision) {
        String key = ref.apply(thing);
        byRef.remove(key);
        byRef.put(key, thing);
        highest = Math.max(highest, revision);
    }

    private static List<String> genres(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(genre -> !genre.isEmpty()).toList();
    }

    private static String trimmed(String value) {
        return value == null ? null : value.strip();
    }

    private static URI uri(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + value, e);
        }
    }
}
