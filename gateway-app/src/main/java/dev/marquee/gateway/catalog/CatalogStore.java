package dev.marquee.gateway.catalog;

import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.GeoPoint;
import dev.marquee.spi.ShowStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's copy of the chains' catalogues in its database. Each sync is applied in one
 * transaction together with the chain's new cursor, so a crash never leaves a cursor ahead of the data.
 */
@Singleton
public class CatalogStore {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStore.class);
    private static final int BATCH = 1000;

    private final TransactionOperations<Connection> transactions;

    public CatalogStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public CatalogCursor cursorOf(String chainId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT cursor_value FROM chain_sync WHERE chain_id = ?")) {
                select.setString(1, chainId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? new CatalogCursor(rs.getString(1)) : CatalogCursor.START;
                }
            }
        });
    }

    /** Writes one read's changes and the cursor after them, all or nothing. */
    public AppliedChanges apply(String chainId, CatalogChanges changes, Instant now) {
        return apply(chainId, changes, now, Catalog.EMPTY);
    }

    /**
     * Writes one read's changes and the cursor after them, all or nothing, skipping shows that are
     * exactly as in {@code current}: chains re-send recent changes, and most re-sent shows are unchanged.
     */
    public AppliedChanges apply(String chainId, CatalogChanges changes, Instant now, Catalog current) {
        return transactions.executeWrite(status -> new ChangeWriter(status.getConnection(), chainId, current).write(changes, now));
    }

    public void recordFailure(String chainId, String error, Instant now) {
        String message = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            ensureSyncRow(c, chainId);
            try (PreparedStatement update = c.prepareStatement("UPDATE chain_sync SET last_attempt_at = ?, last_error = ?, "
                    + "consecutive_failures = consecutive_failures + 1 WHERE chain_id = ?")) {
                update.setObject(1, utc(now));
                update.setString(2, message);
                update.setString(3, chainId);
                update.executeUpdate();
            }
            return null;
        });
    }

    public List<SyncStatus> syncStatuses() {
        return transactions.executeRead(status -> {
            List<SyncStatus> statuses = new ArrayList<>();
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT chain_id, last_attempt_at, last_success_at, last_error, consecutive_failures FROM chain_sync");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    statuses.add(new SyncStatus(rs.getString(1), instant(rs, 2), instant(rs, 3), rs.getString(4), rs.getInt(5)));
                }
            }
            return statuses;
        });
    }

    /** The stored catalogue's revision: moved by every applied sync that changed anything, whichever instance wrote it. */
    public long revision() {
        return transactions.executeRead(status -> revision(status.getConnection()));
    }

    private static long revision(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT revision FROM catalog_write_lock WHERE id = 1");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Reads every chain's catalogue into memory, with the revision it is at least as new as (read first: a sync
     * committed meanwhile makes the catalogue newer, never older, than the revision says).
     */
    public RevisedCatalog loadRevised(long version) {
        return transactions.executeRead(status -> {
            long revision = revision(status.getConnection());
            return new RevisedCatalog(new CatalogReader(status.getConnection()).read(version), revision);
        });
    }

    /** A catalogue as loaded and the stored revision it is at least as new as. */
    public record RevisedCatalog(Catalog catalog, long revision) {
    }

    private static void ensureSyncRow(Connection c, String chainId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO chain_sync (chain_id) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM chain_sync WHERE chain_id = ?)")) {
            insert.setString(1, chainId);
            insert.setString(2, chainId);
            insert.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Applies one read of one chain inside the caller's transaction. */
    private static final class ChangeWriter {
        private final Connection c;
        private final String chainId;
        private final Catalog current;
        private final Map<String, String> cityIdByRef;
        private final Map<String, String> movieIdByRef;
        private final Map<String, String> cinemaIdByHallRef = new HashMap<>();
        private int rejected;

        ChangeWriter(Connection c, String chainId, Catalog current) throws SQLException {
            this.c = c;
            this.chainId = chainId;
            this.current = current;
            lockCatalogWrites();
            this.cityIdByRef = pairs("SELECT ref, city_id FROM chain_city WHERE chain_id = ?");
            this.movieIdByRef = pairs("SELECT ref, movie_id FROM chain_movie WHERE chain_id = ?");
            pairs("SELECT ref, cinema_id FROM halls WHERE chain_id = ?").forEach(cinemaIdByHallRef::put);
        }

        /**
         * Chains share city and movie rows, so two chains' writes would race to insert the same ones. Writes
         * take turns on one locked row (across gateway instances too); only this short local write waits,
         * never the read from a chain.
         */
        private void lockCatalogWrites() throws SQLException {
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM catalog_write_lock WHERE id = 1 FOR UPDATE");
                    ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("catalog_write_lock has no row 1");
                }
            }
        }

        AppliedChanges write(CatalogChanges changes, Instant now) throws SQLException {
            int cities = writeCities(changes.cities());
            int movies = writeMovies(changes.movies());
            int cinemas = writeCinemas(changes.cinemas());
            int halls = writeHalls(changes.halls());
            Set<String> listedShows = new HashSet<>();
            int shows = writeShows(changes.shows(), listedShows);
            int retired = changes.complete() ? retireShowsNotIn(listedShows) : 0;
            saveCursor(changes.next(), now);
            AppliedChanges applied = new AppliedChanges(cities, cinemas, halls, movies, shows, retired, rejected);
            if (applied.changedAnything()) {
                moveRevision();
            }
            return applied;
        }

        private int writeCities(List<dev.marquee.spi.City> cities) throws SQLException {
            Set<String> known = ids("SELECT id FROM cities", false);
            List<Object[]> rows = new ArrayList<>();
            for (dev.marquee.spi.City city : cities) {
                String id = CatalogIds.city(city.name(), city.countryCode());
                rows.add(new Object[] {city.name(), city.countryCode(), city.timeZone().getId(), id});
                cityIdByRef.put(city.ref(), id);
            }
            upsert(rows, known, "INSERT INTO cities (name, country_code, time_zone, id) VALUES (?, ?, ?, ?)",
                    "UPDATE cities SET name = ?, country_code = ?, time_zone = ? WHERE id = ?");
            writeMapping("chain_city", "city_id", cities.stream().map(dev.marquee.spi.City::ref).toList(), cityIdByRef);
            return rows.size();
        }

        private int writeMovies(List<dev.marquee.spi.Movie> movies) throws SQLException {
            Set<String> known = ids("SELECT id FROM movies", false);
            Map<String, Object[]> rows = new HashMap<>();
            for (dev.marquee.spi.Movie movie : movies) {
                String id = CatalogIds.movie(movie.title(), movie.releaseDate());
                rows.put(id, new Object[] {movie.title(), movie.description(), String.join("|", movie.genres()),
                        (int) Math.max(1, movie.runtime().toMinutes()), movie.rating(),
                        movie.releaseDate() == null ? null : Date.valueOf(movie.releaseDate()),
                        movie.posterUrl() == null ? null : movie.posterUrl().toString(),
                        movie.trailerUrl() == null ? null : movie.trailerUrl().toString(), id});
                movieIdByRef.put(movie.ref(), id);
            }
            upsert(new ArrayList<>(rows.values()), known,
                    "INSERT INTO movies (title, description, genres, runtime_minutes, rating, release_date, poster_url, "
                            + "trailer_url, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "UPDATE movies SET title = ?, description = ?, genres = ?, runtime_minutes = ?, rating = ?, "
                            + "release_date = ?, poster_url = ?, trailer_url = ? WHERE id = ?");
            writeMapping("chain_movie", "movie_id", movies.stream().map(dev.marquee.spi.Movie::ref).toList(), movieIdByRef);
            return rows.size();
        }

        private int writeCinemas(List<dev.marquee.spi.Cinema> cinemas) throws SQLException {
            Set<String> known = ids("SELECT id FROM cinemas WHERE chain_id = ?", true);
            List<Object[]> rows = new ArrayList<>();
            for (dev.marquee.spi.Cinema cinema : cinemas) {
                String cityId = cityIdByRef.get(cinema.cityRef());
                if (cityId == null) {
                    reject("cinema", cinema.ref(), "unknown city " + cinema.cityRef());
                    continue;
                }
                rows.add(new Object[] {chainId, cinema.ref(), cityId, cinema.name(), cinema.address(),
                        cinema.location().latitude(), cinema.location().longitude(), CatalogIds.scoped(chainId, cinema.ref())});
            }
            upsert(rows, known, "INSERT INTO cinemas (chain_id, ref, city_id, name, address, latitude, longitude, id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "UPDATE cinemas SET chain_id = ?, ref = ?, city_id = ?, name = ?, address = ?, latitude = ?, "
                            + "longitude = ? WHERE id = ?");
            return rows.size();
        }

        private int writeHalls(List<dev.marquee.spi.Hall> halls) throws SQLException {
            Set<String> known = ids("SELECT id FROM halls WHERE chain_id = ?", true);
            Set<String> cinemas = ids("SELECT id FROM cinemas WHERE chain_id = ?", true);
            List<Object[]> rows = new ArrayList<>();
            for (dev.marquee.spi.Hall hall : halls) {
                String cinemaId = CatalogIds.scoped(chainId, hall.cinemaRef());
                if (!cinemas.contains(cinemaId)) {
                    reject("hall", hall.ref(), "unknown cinema " + hall.cinemaRef());
                    continue;
                }
                rows.add(new Object[] {chainId, hall.ref(), cinemaId, hall.name(), hall.layout().capacity(),
                        CatalogCodec.encodeLayout(hall.layout()), CatalogIds.scoped(chainId, hall.ref())});
                cinemaIdByHallRef.put(hall.ref(), cinemaId);
            }
            upsert(rows, known, "INSERT INTO halls (chain_id, ref, cinema_id, name, capacity, seat_layout, id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "UPDATE halls SET chain_id = ?, ref = ?, cinema_id = ?, name = ?, capacity = ?, seat_layout = ? WHERE id = ?");
            return rows.size();
        }

        private int writeShows(List<dev.marquee.spi.Show> shows, Set<String> listed) throws SQLException {
            Set<String> known = ids("SELECT id FROM shows WHERE chain_id = ?", true);
            Map<String, Object[]> rows = new HashMap<>();
            for (dev.marquee.spi.Show show : shows) {
                String movieId = movieIdByRef.get(show.movieRef());
                String cinemaId = cinemaIdByHallRef.get(show.hallRef());
                if (movieId == null || cinemaId == null) {
                    reject("show", show.ref(), movieId == null ? "unknown movie " + show.movieRef() : "unknown hall " + show.hallRef());
                    continue;
                }
                String id = CatalogIds.scoped(chainId, show.ref());
                listed.add(id);
                Show row = new Show(id, chainId, show.ref(), movieId, cinemaId, CatalogIds.scoped(chainId, show.hallRef()),
                        show.startsAt(), show.endsAt(), show.format(), show.language(), show.status(), show.prices(),
                        show.seatsAvailable());
                // Skipped only when the stored row exists: memory may lag the database, never lead it.
                if (known.contains(id) && row.equals(current.show(id).orElse(null))) {
                    rows.remove(id);
                    continue;
                }
                // A read may repeat a show; the later occurrence is the newer one.
                rows.put(id, new Object[] {chainId, show.ref(), movieId, cinemaId, row.hallId(),
                        utc(show.startsAt()), utc(show.endsAt()), show.format(), show.language(), show.status().name(),
                        CatalogCodec.encodePrices(show.prices()), show.seatsAvailable(), id});
            }
            upsert(new ArrayList<>(rows.values()), known,
                    "INSERT INTO shows (chain_id, ref, movie_id, cinema_id, hall_id, starts_at, ends_at, format, language, "
                            + "status, prices, seats_available, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "UPDATE shows SET chain_id = ?, ref = ?, movie_id = ?, cinema_id = ?, hall_id = ?, starts_at = ?, "
                            + "ends_at = ?, format = ?, language = ?, status = ?, prices = ?, seats_available = ? WHERE id = ?");
            return rows.size();
        }

        /** A complete read is the whole catalogue: shows it no longer lists were called off at the chain. */
        private int retireShowsNotIn(Set<String> listed) throws SQLException {
            Set<String> scheduled = ids("SELECT id FROM shows WHERE chain_id = ? AND status = 'SCHEDULED'", true);
            scheduled.removeAll(listed);
            List<Object[]> rows = scheduled.stream().map(id -> new Object[] {id}).toList();
            batch("UPDATE shows SET status = 'CANCELLED' WHERE id = ?", rows);
            if (!rows.isEmpty()) {
                LOG.info("Chain {} no longer lists {} shows; they are cancelled", chainId, rows.size());
            }
            return rows.size();
        }

        /** Tells other instances, which read the revision, that there is a new catalogue to load. */
        private void moveRevision() throws SQLException {
            try (PreparedStatement update = c.prepareStatement("UPDATE catalog_write_lock SET revision = revision + 1 WHERE id = 1")) {
                update.executeUpdate();
            }
        }

        private void saveCursor(CatalogCursor next, Instant now) throws SQLException {
            ensureSyncRow(c, chainId);
            try (PreparedStatement update = c.prepareStatement("UPDATE chain_sync SET cursor_value = ?, last_attempt_at = ?, "
                    + "last_success_at = ?, last_error = NULL, consecutive_failures = 0 WHERE chain_id = ?")) {
                update.setString(1, next.value());
                update.setObject(2, utc(now));
                update.setObject(3, utc(now));
                update.setString(4, chainId);
                update.executeUpdate();
            }
        }

        private void writeMapping(String table, String column, List<String> refs, Map<String, String> idByRef)
                throws SQLException {
            List<Object[]> rows = refs.stream().distinct().map(ref -> new Object[] {chainId, ref}).toList();
            batch("DELETE FROM " + table + " WHERE chain_id = ? AND ref = ?", rows);
            batch("INSERT INTO " + table + " (chain_id, ref, " + column + ") VALUES (?, ?, ?)",
                    refs.stream().distinct().map(ref -> new Object[] {chainId, ref, idByRef.get(ref)}).toList());
        }

        private void reject(String kind, String ref, String why) {
            rejected++;
            LOG.warn("Chain {}: skipped {} {}: {}", chainId, kind, ref, why);
        }

        private void upsert(List<Object[]> rows, Set<String> known, String insert, String update) throws SQLException {
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> updates = new ArrayList<>();
            for (Object[] row : rows) {
                (known.contains((String) row[row.length - 1]) ? updates : inserts).add(row);
            }
            batch(insert, inserts);
            batch(update, updates);
        }

        private void batch(String sql, List<Object[]> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                int pending = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        statement.setObject(i + 1, row[i]);
                    }
                    statement.addBatch();
                    if (++pending == BATCH) {
                        statement.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    statement.executeBatch();
                }
            }
        }

        private Set<String> ids(String sql, boolean byChain) throws SQLException {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement select = c.prepareStatement(sql)) {
                if (byChain) {
                    select.setString(1, chainId);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        }

        private Map<String, String> pairs(String sql) throws SQLException {
            Map<String, String> pairs = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setString(1, chainId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        pairs.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return pairs;
        }
    }

    /** Reads the whole stored catalogue. */
    private record CatalogReader(Connection c) {
        Catalog read(long version) throws SQLException {
            List<City> cities = new ArrayList<>();
            query("SELECT id, name, country_code, time_zone FROM cities", rs ->
                    cities.add(new City(rs.getString(1), rs.getString(2), rs.getString(3), ZoneId.of(rs.getString(4)))));
            List<Cinema> cinemas = new ArrayList<>();
            query("SELECT id, chain_id, city_id, name, address, latitude, longitude FROM cinemas", rs ->
                    cinemas.add(new Cinema(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            new GeoPoint(rs.getDouble(6), rs.getDouble(7)))));
            List<Hall> halls = new ArrayList<>();
            query("SELECT id, cinema_id, name, seat_layout FROM halls", rs ->
                    halls.add(new Hall(rs.getString(1), rs.getString(2), rs.getString(3), CatalogCodec.decodeLayout(rs.getString(4)))));
            List<Movie> movies = new ArrayList<>();
            query("SELECT id, title, description, genres, runtime_minutes, rating, release_date, poster_url, trailer_url FROM movies",
                    rs -> {
                        Date released = rs.getDate(7);
                        String genres = rs.getString(4);
                        movies.add(new Movie(rs.getString(1), rs.getString(2), rs.getString(3),
                                genres.isEmpty() ? List.of() : Arrays.asList(genres.split("\\|")), rs.getInt(5), rs.getString(6),
                                released == null ? null : released.toLocalDate(), rs.getString(8), rs.getString(9)));
                    });
            List<Show> shows = new ArrayList<>();
            // Prices repeat across thousands of shows: share one decoded list per distinct text.
            Map<String, List<dev.marquee.spi.SeatPrice>> prices = new HashMap<>();
            query("SELECT id, chain_id, ref, movie_id, cinema_id, hall_id, starts_at, ends_at, format, language, status, prices, "
                    + "seats_available FROM shows", rs -> shows.add(new Show(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), instant(rs, 7), instant(rs, 8),
                            rs.getString(9), rs.getString(10), ShowStatus.valueOf(rs.getString(11)),
                            prices.computeIfAbsent(rs.getString(12), CatalogCodec::decodePrices), rs.getInt(13))));
            return Catalog.of(cities, cinemas, halls, movies, shows, version);
        }

        private void query(String sql, RowConsumer consumer) throws SQLException {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setFetchSize(2000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(rs);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }
}
