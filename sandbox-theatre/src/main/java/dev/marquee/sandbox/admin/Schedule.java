package dev.marquee.sandbox.admin;

import dev.marquee.sandbox.Database;
import dev.marquee.sandbox.catalog.CatalogPage;
import dev.marquee.sandbox.catalog.CatalogReader;
import dev.marquee.sandbox.catalog.Pricing;
import dev.marquee.sandbox.http.Problem;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Changes to the chain's schedule made behind the gateway's back: a show added, moved or cancelled.
 * Each gives the show a new revision, so the next incremental catalogue read carries it.
 */
@Singleton
public class Schedule {
    /** Trailers before the film, as the generator plans them. */
    static final int MINUTES_BEFORE_FILM = 15;

    private final Database database;
    private final Clock clock;

    public Schedule(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public CatalogPage.ShowView add(String movieId, String hallId, Instant startsAt, String format, String language) {
        return database.inTransaction(c -> {
            int runtime = runtime(c, movieId).orElseThrow(() -> Problem.UNKNOWN_MOVIE.exception("No movie " + movieId));
            ZoneId zone = hallZone(c, hallId).orElseThrow(() -> Problem.UNKNOWN_HALL.exception("No hall " + hallId));
            String chosenFormat = format == null ? "2D" : format;
            String chosenLanguage = language == null ? originalLanguage(c, movieId) : language;
            String tier = tier(chosenFormat, startsAt, zone);
            long number;
            try (PreparedStatement ps = c.prepareStatement("SELECT nextval('show_number')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                number = rs.getLong(1);
            }
            String showId = Long.toString(number);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO shows (id, movie_id, hall_id, starts_at, ends_at, format, language, status, price_tier, revision)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, nextval('catalog_revision'))")) {
                ps.setString(1, showId);
                ps.setString(2, movieId);
                ps.setString(3, hallId);
                ps.setObject(4, utc(startsAt));
                ps.setObject(5, utc(endsAt(startsAt, runtime)));
                ps.setString(6, chosenFormat);
                ps.setString(7, chosenLanguage);
                ps.setString(8, tier);
                ps.executeUpdate();
            }
            return show(c, showId);
        });
    }

    public CatalogPage.ShowView move(String showId, Instant startsAt, String newHallId) {
        return database.inTransaction(c -> {
            ShowRow show = lockShow(c, showId);
            String hallId = newHallId == null ? show.hallId() : newHallId;
            ZoneId zone = hallZone(c, hallId).orElseThrow(() -> Problem.UNKNOWN_HALL.exception("No hall " + hallId));
            int runtime = runtime(c, show.movieId()).orElseThrow();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE shows SET starts_at = ?, ends_at = ?, hall_id = ?, price_tier = ?,"
                            + " revision = nextval('catalog_revision') WHERE id = ?")) {
                ps.setObject(1, utc(startsAt));
                ps.setObject(2, utc(endsAt(startsAt, runtime)));
                ps.setString(3, hallId);
                ps.setString(4, tier(show.format(), startsAt, zone));
                ps.setString(5, showId);
                ps.executeUpdate();
            }
            return show(c, showId);
        });
    }

    /** Cancels a show: it stays listed, as CANCELLED, and refuses locks; existing bookings stand. */
    public CatalogPage.ShowView cancel(String showId) {
        return database.inTransaction(c -> {
            lockShow(c, showId);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE shows SET status = 'CANCELLED', revision = nextval('catalog_revision') WHERE id = ?")) {
                ps.setString(1, showId);
                ps.executeUpdate();
            }
            return show(c, showId);
        });
    }

    private record ShowRow(String hallId, String movieId, String format) {
    }

    private static ShowRow lockShow(Connection c, String showId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT hall_id, movie_id, format FROM shows WHERE id = ? FOR UPDATE")) {
            ps.setString(1, showId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Problem.SHOW_NOT_FOUND.exception("No show " + showId);
                }
                return new ShowRow(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    private CatalogPage.ShowView show(Connection c, String showId) throws SQLException {
        return CatalogReader.show(c, showId, clock.instant()).orElseThrow();
    }

    private static Optional<Integer> runtime(Connection c, String movieId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT runtime_minutes FROM movies WHERE id = ?")) {
            ps.setString(1, movieId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    private static String originalLanguage(Connection c, String movieId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT original_language FROM movies WHERE id = ?")) {
            ps.setString(1, movieId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static Optional<ZoneId> hallZone(Connection c, String hallId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ci.time_zone FROM halls h JOIN cinemas cn ON cn.id = h.cinema_id JOIN cities ci ON ci.id = cn.city_id"
                        + " WHERE h.id = ?")) {
            ps.setString(1, hallId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ZoneId.of(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static String tier(String format, Instant startsAt, ZoneId zone) {
        try {
            return Pricing.tierFor(format, LocalDateTime.ofInstant(startsAt, zone));
        } catch (IllegalArgumentException e) {
            throw Problem.BAD_REQUEST.exception(e.getMessage());
        }
    }

    private static Instant endsAt(Instant startsAt, int runtime) {
        return startsAt.plusSeconds(60L * (MINUTES_BEFORE_FILM + runtime));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
