package dev.marquee.sandbox.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes a generated catalogue into the sandbox schema, replacing whatever was there. */
public final class CatalogStore {
    /** Rows per multi-row INSERT; 200 × 10 parameters stays far below every driver's limit. */
    private static final int ROWS_PER_STATEMENT = 200;
    /** Tables in an order that deleting them one by one never breaks a foreign key. */
    private static final List<String> DELETE_ORDER = List.of(
            "tickets", "seat_claims", "bookings", "locks", "shows", "price_tiers", "seats", "halls", "cinemas",
            "movies", "cities", "chain");

    private CatalogStore() {
    }

    /** What the database holds now, if it holds a chain at all. */
    public static Optional<Catalog.ChainInfo> storedChain(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT name, seed, size, currency FROM chain WHERE id = 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Catalog.ChainInfo(rs.getString(1), rs.getLong(2),
                    CatalogSize.parse("chain.size", rs.getString(3)), rs.getString(4).trim()));
        }
    }

    /** Deletes everything: catalogue, locks, bookings. Revisions keep counting up. */
    public static void clear(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                // Shows first, as every writer takes its show's row before the show's locks and claims (the lock sweeper
                // too): taken in the TRUNCATE's own order, locks came before shows, and a reset deadlocked with a sweep.
                statement.execute("LOCK TABLE shows IN ACCESS EXCLUSIVE MODE");
                // one TRUNCATE of every table is much faster than deleting a large catalogue row by row
                statement.executeUpdate("TRUNCATE TABLE " + String.join(", ", DELETE_ORDER));
                return;
            }
            for (String table : DELETE_ORDER) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    public static void insert(Connection connection, Catalog catalog, Instant now) throws SQLException {
        insertChain(connection, catalog.chain(), now);
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO cities (id, name, country_code, time_zone, latitude, longitude, revision)"
                        + " VALUES (?, ?, ?, ?, ?, ?, nextval('catalog_revision'))")) {
            for (Catalog.City city : catalog.cities()) {
                ps.setString(1, city.id());
                ps.setString(2, city.name());
                ps.setString(3, city.countryCode());
                ps.setString(4, city.timeZone());
                ps.setDouble(5, city.latitude());
                ps.setDouble(6, city.longitude());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO cinemas (id, city_id, name, address, latitude, longitude, revision)"
                        + " VALUES (?, ?, ?, ?, ?, ?, nextval('catalog_revision'))")) {
            for (Catalog.Cinema cinema : catalog.cinemas()) {
                ps.setString(1, cinema.id());
                ps.setString(2, cinema.cityId());
                ps.setString(3, cinema.name());
                ps.setString(4, cinema.address());
                ps.setDouble(5, cinema.latitude());
                ps.setDouble(6, cinema.longitude());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        insertHalls(connection, catalog.halls());
        insertMovies(connection, catalog.movies());
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO price_tiers (tier, category, amount) VALUES (?, ?, ?)")) {
            for (Catalog.PriceTier tier : catalog.priceTiers()) {
                ps.setString(1, tier.id());
                ps.setString(2, tier.category());
                ps.setBigDecimal(3, tier.amount());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        insertShows(connection, catalog.shows());
        long nextShow = catalog.shows().stream().mapToLong(Catalog.Show::number).max().orElse(0) + 1;
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER SEQUENCE show_number RESTART WITH " + Math.max(nextShow, 1_000_000));
        }
    }

    private static void insertChain(Connection connection, Catalog.ChainInfo chain, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO chain (id, name, seed, size, currency, generated_at) VALUES (1, ?, ?, ?, ?, ?)")) {
            ps.setString(1, chain.name());
            ps.setLong(2, chain.seed());
            ps.setString(3, chain.size().label());
            ps.setString(4, chain.currency());
            ps.setObject(5, utc(now));
            ps.executeUpdate();
        }
    }

    private static void insertHalls(Connection connection, List<Catalog.Hall> halls) throws SQLException {
        try (PreparedStatement hallInsert = connection.prepareStatement(
                "INSERT INTO halls (id, cinema_id, name, capacity, revision) VALUES (?, ?, ?, ?, nextval('catalog_revision'))")) {
            for (Catalog.Hall hall : halls) {
                hallInsert.setString(1, hall.id());
                hallInsert.setString(2, hall.cinemaId());
                hallInsert.setString(3, hall.name());
                hallInsert.setInt(4, hall.seats().size());
                hallInsert.addBatch();
            }
            hallInsert.executeBatch();
        }
        List<Object[]> seats = new ArrayList<>();
        for (Catalog.Hall hall : halls) {
            for (Catalog.Seat seat : hall.seats()) {
                seats.add(new Object[] {hall.id(), seat.id(), seat.row(), seat.number(), seat.x(), seat.y(), seat.category()});
            }
        }
        insertRows(connection, "INSERT INTO seats (hall_id, id, row_label, seat_number, x, y, category) VALUES ",
                "(?, ?, ?, ?, ?, ?, ?)", seats);
    }

    /**
     * Inserts many rows with multi-row VALUES statements: far fewer round trips than a JDBC batch on
     * drivers that send batches statement by statement, and portable.
     */
    private static void insertRows(Connection connection, String insert, String rowTemplate, List<Object[]> rows)
            throws SQLException {
        int chunk = ROWS_PER_STATEMENT;
        String full = insert + String.join(", ", java.util.Collections.nCopies(chunk, rowTemplate));
        try (PreparedStatement ps = connection.prepareStatement(full)) {
            int i = 0;
            for (; i + chunk <= rows.size(); i += chunk) {
                bindRows(ps, rows.subList(i, i + chunk));
                ps.addBatch();
                if ((i / chunk) % 20 == 19) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            if (i < rows.size()) {
                List<Object[]> rest = rows.subList(i, rows.size());
                try (PreparedStatement tail = connection.prepareStatement(
                        insert + String.join(", ", java.util.Collections.nCopies(rest.size(), rowTemplate)))) {
                    bindRows(tail, rest);
                    tail.executeUpdate();
                }
            }
        }
    }

    private static void bindRows(PreparedStatement ps, List<Object[]> rows) throws SQLException {
        int index = 1;
        for (Object[] row : rows) {
            for (Object value : row) {
                ps.setObject(index++, value);
            }
        }
    }

    private static void insertMovies(Connection connection, List<Catalog.Movie> movies) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO movies (id, title, description, genres, runtime_minutes, rating, original_language,"
                        + " release_date, poster_url, trailer_url, revision)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nextval('catalog_revision'))")) {
            for (Catalog.Movie movie : movies) {
                ps.setString(1, movie.id());
                ps.setString(2, movie.title());
                ps.setString(3, movie.description());
                ps.setString(4, String.join(",", movie.genres()));
                ps.setInt(5, movie.runtimeMinutes());
                ps.setString(6, movie.rating());
                ps.setString(7, movie.originalLanguage());
                if (movie.releaseDate() == null) {
                    ps.setNull(8, Types.DATE);
                } else {
                    ps.setObject(8, movie.releaseDate());
                }
                ps.setString(9, movie.posterUrl());
                ps.setString(10, movie.trailerUrl());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertShows(Connection connection, List<Catalog.Show> shows) throws SQLException {
        List<Object[]> rows = new ArrayList<>(shows.size());
        for (Catalog.Show show : shows) {
            rows.add(new Object[] {show.id(), show.movieId(), show.hallId(), utc(show.startsAt()), utc(show.endsAt()),
                    show.format(), show.language(), show.priceTier()});
        }
        insertRows(connection,
                "INSERT INTO shows (id, movie_id, hall_id, starts_at, ends_at, format, language, status, price_tier, revision) VALUES ",
                "(?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, nextval('catalog_revision'))", rows);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
