package dev.marquee.sandbox.catalog;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the catalogue a page at a time, by revision. Shows are delivered in revision order, so a
 * show that changes while a read pages through the catalogue comes again later in the same read.
 * Cities, cinemas, halls and movies in the range come on the first page, and on later pages again
 * when they changed after the position the page starts from.
 */
public final class CatalogReader {
    private CatalogReader() {
    }

    public static CatalogPage read(Connection connection, ReadPosition position, int limit, Instant now)
            throws SQLException {
        long entitiesAbove = position.firstPage() ? position.from() : position.after();
        long highest = position.after();

        List<CatalogPage.CityView> cities = new ArrayList<>();
        List<CatalogPage.CinemaView> cinemas = new ArrayList<>();
        List<CatalogPage.HallView> halls;
        List<CatalogPage.MovieView> movies = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, name, country_code, time_zone, revision FROM cities WHERE revision > ? ORDER BY revision")) {
            ps.setLong(1, entitiesAbove);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cities.add(new CatalogPage.CityView(rs.getString(1), rs.getString(2), rs.getString(3).trim(), rs.getString(4)));
                    highest = Math.max(highest, rs.getLong(5));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, city_id, name, address, latitude, longitude, revision FROM cinemas WHERE revision > ? ORDER BY revision")) {
            ps.setLong(1, entitiesAbove);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cinemas.add(new CatalogPage.CinemaView(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getDouble(5), rs.getDouble(6)));
                    highest = Math.max(highest, rs.getLong(7));
                }
            }
        }
        long[] hallHighest = {highest};
        halls = halls(connection, entitiesAbove, hallHighest);
        highest = hallHighest[0];
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, title, description, genres, runtime_minutes, rating, release_date, poster_url, trailer_url, revision"
                        + " FROM movies WHERE revision > ? ORDER BY revision")) {
            ps.setLong(1, entitiesAbove);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate released = rs.getObject(7, LocalDate.class);
                    movies.add(new CatalogPage.MovieView(rs.getString(1), rs.getString(2), rs.getString(3),
                            Arrays.asList(rs.getString(4).split(",")), rs.getInt(5), rs.getString(6),
                            released == null ? null : released.toString(), rs.getString(8), rs.getString(9)));
                    highest = Math.max(highest, rs.getLong(10));
                }
            }
        }

        List<CatalogPage.ShowView> shows = new ArrayList<>();
        boolean hasMore = false;
        long lastShowRevision = position.after();
        Map<String, List<CatalogPage.PriceView>> prices = prices(connection);
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT s.id, s.movie_id, s.hall_id, s.starts_at, s.ends_at, s.format, s.language, s.status, s.price_tier,"
                        + " s.revision, h.capacity FROM shows s JOIN halls h ON h.id = s.hall_id"
                        + " WHERE s.revision > ? ORDER BY s.revision LIMIT ?")) {
            ps.setLong(1, position.after());
            ps.setInt(2, limit + 1);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rows.size() == limit) {
                        hasMore = true;
                        break;
                    }
                    rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getInt(11)});
                }
            }
            if (!rows.isEmpty()) {
                lastShowRevision = (long) rows.get(rows.size() - 1)[9];
                Map<String, Integer> taken = takenSeats(connection, position.after(), lastShowRevision, now);
                for (Object[] row : rows) {
                    String id = (String) row[0];
                    int available = Math.max(0, (int) row[10] - taken.getOrDefault(id, 0));
                    shows.add(new CatalogPage.ShowView(id, (String) row[1], (String) row[2],
                            ((OffsetDateTime) row[3]).toInstant().toString(), ((OffsetDateTime) row[4]).toInstant().toString(),
                            (String) row[5], (String) row[6], (String) row[7],
                            prices.getOrDefault((String) row[8], List.of()), available));
                }
            }
        }
        highest = Math.max(highest, lastShowRevision);
        String nextCursor = hasMore ? position.continuation(lastShowRevision) : ReadPosition.resumeAt(highest);
        return new CatalogPage(position.complete(), hasMore, nextCursor, cities, cinemas, halls, movies, shows);
    }

    private static List<CatalogPage.HallView> halls(Connection connection, long above, long[] highest) throws SQLException {
        Map<String, List<CatalogPage.SeatView>> seats = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT s.hall_id, s.id, s.row_label, s.seat_number, s.x, s.y, s.category FROM seats s"
                        + " WHERE s.hall_id IN (SELECT h.id FROM halls h WHERE h.revision > ?) ORDER BY s.hall_id, s.y, s.x")) {
            ps.setLong(1, above);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seats.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new CatalogPage.SeatView(
                            rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getString(7)));
                }
            }
        }
        List<CatalogPage.HallView> halls = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, cinema_id, name, revision FROM halls WHERE revision > ? ORDER BY revision")) {
            ps.setLong(1, above);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    halls.add(new CatalogPage.HallView(id, rs.getString(2), rs.getString(3), seats.getOrDefault(id, List.of())));
                    highest[0] = Math.max(highest[0], rs.getLong(4));
                }
            }
        }
        return halls;
    }

    /** Held (live lock) or sold seats per show, for shows whose revision is in (above, upTo]. */
    private static Map<String, Integer> takenSeats(Connection connection, long above, long upTo, Instant now)
            throws SQLException {
        Map<String, Integer> taken = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.show_id, COUNT(*) FROM seat_claims c JOIN locks l ON l.id = c.lock_id"
                        + " WHERE c.show_id IN (SELECT s.id FROM shows s WHERE s.revision > ? AND s.revision <= ?)"
                        + " AND (c.booking_id IS NOT NULL OR l.expires_at > ?) GROUP BY c.show_id")) {
            ps.setLong(1, above);
            ps.setLong(2, upTo);
            ps.setObject(3, CatalogStore.utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return taken;
    }

    /** Every price tier as the theatre API lists it. */
    public static Map<String, List<CatalogPage.PriceView>> prices(Connection connection) throws SQLException {
        String currency = currency(connection).orElse("EUR");
        Map<String, List<CatalogPage.PriceView>> tiers = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT tier, category, amount FROM price_tiers ORDER BY tier, category")) {
            while (rs.next()) {
                BigDecimal amount = rs.getBigDecimal(3);
                tiers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new CatalogPage.PriceView(rs.getString(2), amount.toPlainString(), currency));
            }
        }
        return tiers;
    }

    private static Optional<String> currency(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT currency FROM chain WHERE id = 1")) {
            return rs.next() ? Optional.of(rs.getString(1).trim()) : Optional.empty();
        }
    }

    /** One show as the theatre API lists it, if it exists. */
    public static Optional<CatalogPage.ShowView> show(Connection connection, String showId, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT s.id, s.movie_id, s.hall_id, s.starts_at, s.ends_at, s.format, s.language, s.status, s.price_tier,"
                        + " h.capacity - (SELECT COUNT(*) FROM seat_claims c JOIN locks l ON l.id = c.lock_id"
                        + "   WHERE c.show_id = s.id AND (c.booking_id IS NOT NULL OR l.expires_at > ?))"
                        + " FROM shows s JOIN halls h ON h.id = s.hall_id WHERE s.id = ?")) {
            ps.setObject(1, CatalogStore.utc(now));
            ps.setString(2, showId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CatalogPage.ShowView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant().toString(),
                        rs.getObject(5, OffsetDateTime.class).toInstant().toString(),
                        rs.getString(6), rs.getString(7), rs.getString(8),
                        prices(connection).getOrDefault(rs.getString(9), List.of()), Math.max(0, rs.getInt(10))));
            }
        }
    }
}
