package dev.marquee.adapters.jdbc;

import dev.marquee.spi.TheatreTicket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL steps of the seat transactions in {@code contracts/sandbox-schema.md}, each run inside the
 * caller's transaction. The recipes' order matters: a transaction that changes a show's seats locks the
 * show's row first, as the chain's own code does, so that all writers of one show take turns.
 */
final class SeatRecords {
    private SeatRecords() {
    }

    record ShowRow(String id, String hallId, Instant startsAt, String status) {
        boolean cancelled() {
            return "CANCELLED".equals(status);
        }
    }

    record LockRow(String id, String showId, String state, Instant expiresAt) {
        boolean confirmed() {
            return "CONFIRMED".equals(state);
        }

        boolean liveAt(Instant now) {
            return "ACTIVE".equals(state) && expiresAt.isAfter(now);
        }
    }

    record BookingRow(String id, String showId, String status) {
        boolean cancelled() {
            return "CANCELLED".equals(status);
        }
    }

    /** Locks the show's row until the transaction ends; empty when there is no such show. */
    static Optional<ShowRow> lockShow(Connection c, String showId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, hall_id, starts_at, status FROM shows WHERE id = ? FOR UPDATE")) {
            ps.setString(1, showId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ShowRow(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getString(4)));
            }
        }
    }

    static boolean showExists(Connection c, String showId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM shows WHERE id = ?")) {
            ps.setString(1, showId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Gives the show a new revision, so that incremental catalogue reads carry its fresh availability. */
    static void bumpRevision(Connection c, String showId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shows SET revision = nextval('catalog_revision') WHERE id = ?")) {
            ps.setString(1, showId);
            ps.executeUpdate();
        }
    }

    static Optional<LockRow> findLock(Connection c, String lockId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, show_id, state, expires_at FROM locks WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, lockId);
            return oneLock(ps);
        }
    }

    static Optional<LockRow> liveLockWithReference(Connection c, String showId, String reference, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, show_id, state, expires_at FROM locks"
                + " WHERE show_id = ? AND reference = ? AND state = 'ACTIVE' AND expires_at > ?")) {
            ps.setString(1, showId);
            ps.setString(2, reference);
            ps.setObject(3, utc(now));
            return oneLock(ps);
        }
    }

    private static Optional<LockRow> oneLock(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new LockRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4)));
        }
    }

    /** The requested seats that are not seats of the hall, in request order. */
    static List<String> seatsNotInHall(Connection c, String hallId, List<String> seatIds) throws SQLException {
        Set<String> known = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM seats WHERE hall_id = ? AND id IN (" + placeholders(seatIds.size()) + ")")) {
            ps.setString(1, hallId);
            bind(ps, 2, seatIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        return seatIds.stream().filter(id -> !known.contains(id)).toList();
    }

    /** Frees the seats of the show's expired locks; the locks themselves are left to the chain's sweeper. */
    static void dropExpiredClaims(Connection c, String showId, Instant now) throws SQLException {
        // Two steps, not one DELETE ... WHERE lock_id IN (SELECT ...): with stale statistics PostgreSQL
        // joined every claim of the show against every lock of the show while the show row was locked.
        // Expired locks are usually none, and then nothing is deleted.
        List<String> expired = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM locks WHERE show_id = ? AND state = 'ACTIVE' AND expires_at <= ?")) {
            ps.setString(1, showId);
            ps.setObject(2, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expired.add(rs.getString(1));
                }
            }
        }
        if (expired.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM seat_claims WHERE booking_id IS NULL AND lock_id IN ("
                + placeholders(expired.size()) + ")")) {
            bind(ps, 1, expired);
            ps.executeUpdate();
        }
    }

    /** The requested seats that have a claim, in request order. */
    static List<String> claimedSeats(Connection c, String showId, List<String> seatIds) throws SQLException {
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seat_id FROM seat_claims WHERE show_id = ? AND seat_id IN (" + placeholders(seatIds.size()) + ")")) {
            ps.setString(1, showId);
            bind(ps, 2, seatIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
        }
        return seatIds.stream().filter(claimed::contains).toList();
    }

    static void insertLock(Connection c, String lockId, String showId, String reference, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO locks (id, show_id, reference, state, created_at, expires_at)"
                + " VALUES (?, ?, ?, 'ACTIVE', ?, ?)")) {
            ps.setString(1, lockId);
            ps.setString(2, showId);
            ps.setString(3, reference);
            ps.setObject(4, utc(now));
            ps.setObject(5, utc(expiresAt));
            ps.executeUpdate();
        }
    }

    static void insertClaims(Connection c, String showId, String lockId, List<String> seatIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO seat_claims (show_id, seat_id, lock_id, booking_id, seat_order) VALUES (?, ?, ?, NULL, ?)")) {
            for (int i = 0; i < seatIds.size(); i++) {
                ps.setString(1, showId);
                ps.setString(2, seatIds.get(i));
                ps.setString(3, lockId);
                ps.setInt(4, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<String> seatsOfLock(Connection c, String lockId) throws SQLException {
        List<String> seats = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seat_id FROM seat_claims WHERE lock_id = ? ORDER BY seat_order")) {
            ps.setString(1, lockId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seats.add(rs.getString(1));
                }
            }
        }
        return seats;
    }

    /** The show's locks with the reference, confirmed ones first, then the newest. */
    static List<LockRow> locksWithReference(Connection c, String showId, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, show_id, state, expires_at FROM locks WHERE show_id = ? AND reference = ?"
                + " ORDER BY CASE state WHEN 'CONFIRMED' THEN 0 ELSE 1 END, created_at DESC, id")) {
            ps.setString(1, showId);
            ps.setString(2, reference);
            List<LockRow> locks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locks.add(new LockRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4)));
                }
            }
            return locks;
        }
    }

    /** The bookings made through the API with the reference, standing ones first, then the newest. */
    static List<BookingRow> bookingsWithReference(Connection c, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, show_id, status FROM bookings WHERE reference = ? AND channel = 'API'"
                + " ORDER BY CASE status WHEN 'CONFIRMED' THEN 0 ELSE 1 END, created_at DESC, id")) {
            ps.setString(1, reference);
            List<BookingRow> bookings = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bookings.add(new BookingRow(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return bookings;
        }
    }

    static Optional<String> bookingOfLock(Connection c, String lockId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM bookings WHERE lock_id = ?")) {
            ps.setString(1, lockId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The booking's tickets in seat order, as confirming it made them. */
    static List<TheatreTicket> ticketsOfBooking(Connection c, String bookingId) throws SQLException {
        List<TheatreTicket> tickets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seat_id, id FROM tickets WHERE booking_id = ? ORDER BY seat_order")) {
            ps.setString(1, bookingId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tickets.add(new TheatreTicket(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tickets;
    }

    /** Makes the lock a booking: the booking, its tickets, its claims sold, the lock confirmed. */
    static void book(Connection c, String bookingId, LockRow lock, String reference, List<TheatreTicket> tickets, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bookings (id, lock_id, show_id, reference, channel, status, created_at)"
                + " VALUES (?, ?, ?, ?, 'API', 'CONFIRMED', ?)")) {
            ps.setString(1, bookingId);
            ps.setString(2, lock.id());
            ps.setString(3, lock.showId());
            ps.setString(4, reference);
            ps.setObject(5, utc(now));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (id, booking_id, seat_id, seat_order) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < tickets.size(); i++) {
                ps.setString(1, tickets.get(i).ticketRef());
                ps.setString(2, bookingId);
                ps.setString(3, tickets.get(i).seatRef());
                ps.setInt(4, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        update(c, "UPDATE seat_claims SET booking_id = ? WHERE lock_id = ?", bookingId, lock.id());
        update(c, "UPDATE locks SET state = 'CONFIRMED' WHERE id = ?", lock.id());
    }

    /** Deletes an active lock and the claims it holds. */
    static void deleteLock(Connection c, String lockId) throws SQLException {
        update(c, "DELETE FROM seat_claims WHERE lock_id = ? AND booking_id IS NULL", lockId);
        update(c, "DELETE FROM locks WHERE id = ? AND state = 'ACTIVE'", lockId);
    }

    static Optional<BookingRow> findBooking(Connection c, String bookingId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, show_id, status FROM bookings WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, bookingId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new BookingRow(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    /** Cancels the booking and frees its seats; its tickets stay for the record. */
    static void cancelBooking(Connection c, String bookingId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE bookings SET status = 'CANCELLED', cancelled_at = ? WHERE id = ?")) {
            ps.setObject(1, utc(now));
            ps.setString(2, bookingId);
            ps.executeUpdate();
        }
        update(c, "DELETE FROM seat_claims WHERE booking_id = ?", bookingId);
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, List.of(values));
            ps.executeUpdate();
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException("column " + rs.getMetaData().getColumnName(column) + " is null", "22004");
        }
        return value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    static void bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
        int i = first;
        for (String value : values) {
            ps.setString(i++, value);
        }
    }
}
