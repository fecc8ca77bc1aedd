package dev.marquee.sandbox.booking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL steps seat operations are made of (contracts/sandbox-schema.md spells out the same recipes
 * for the JDBC adapter). Every method runs inside the caller's transaction.
 */
final class ShowRecords {
    private ShowRecords() {
    }

    record LockedShow(String id, String hallId, Instant startsAt, String status) {
        boolean cancelled() {
            return "CANCELLED".equals(status);
        }
    }

    record LockRow(String id, String showId, String reference, String state, Instant expiresAt) {
        boolean confirmed() {
            return "CONFIRMED".equals(state);
        }

        boolean liveAt(Instant now) {
            return "ACTIVE".equals(state) && expiresAt.isAfter(now);
        }
    }

    /** Locks the show's row until the transaction ends: seat operations on one show run one at a time. */
    static Optional<LockedShow> lockShow(Connection c, String showId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, hall_id, starts_at, status FROM shows WHERE id = ? FOR UPDATE")) {
            ps.setString(1, showId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockedShow(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)));
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

    /** Gives the show a new revision, so that incremental catalogue reads send its fresh availability. */
    static void bumpRevision(Connection c, String showId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE shows SET revision = nextval('catalog_revision') WHERE id = ?")) {
            ps.setString(1, showId);
            ps.executeUpdate();
        }
    }

    static Optional<LockRow> findLock(Connection c, String lockId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, show_id, reference, state, expires_at FROM locks WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, lockId);
            return oneLock(ps);
        }
    }

    static Optional<LockRow> liveLockWithReference(Connection c, String showId, String reference, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, show_id, reference, state, expires_at FROM locks"
                        + " WHERE show_id = ? AND reference = ? AND state = 'ACTIVE' AND expires_at > ?")) {
            ps.setString(1, showId);
            ps.setString(2, reference);
            ps.setObject(3, utc(now));
            return oneLock(ps);
        }
    }

    /** Every lock of the show with the reference, confirmed ones first, then the newest. */
    static List<LockRow> locksWithReference(Connection c, String showId, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, show_id, reference, state, expires_at FROM locks WHERE show_id = ? AND reference = ?"
                        + " ORDER BY CASE state WHEN 'CONFIRMED' THEN 0 ELSE 1 END, created_at DESC, id")) {
            ps.setString(1, showId);
            ps.setString(2, reference);
            List<LockRow> locks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locks.add(new LockRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
            return locks;
        }
    }

    /** The ids of bookings made through the API with the reference, confirmed ones first, then the newest. */
    static List<String> bookingsWithReference(Connection c, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM bookings WHERE reference = ? AND channel = 'API'"
                + " ORDER BY CASE status WHEN 'CONFIRMED' THEN 0 ELSE 1 END, created_at DESC, id")) {
            ps.setString(1, reference);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static Optional<LockRow> oneLock(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new LockRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class).toInstant()));
        }
    }

    /** The requested seats that are not in the hall, in request order. */
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

    /**
     * Drops the claims of the show's expired locks (the locks themselves go with the sweeper).
     *
     * <p>Two steps rather than one {@code DELETE … WHERE lock_id IN (SELECT …)}: with the tables' statistics
     * stale (they are, after a reset or in a busy run) PostgreSQL joined every claim of the show against
     * every lock of the show, about 12 ms on a hot show with 300 claims, all of it while the show row is
     * locked. The expired locks are usually none, found through {@code locks_show_expiry}, and then there
     * is nothing to delete.
     */
    static int dropExpiredClaims(Connection c, String showId, Instant now) throws SQLException {
        List<String> expired = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM locks WHERE show_id = ? AND state = 'ACTIVE' AND expires_at <= ?")) {
            ps.setString(1, showId);
            ps.setObject(2, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expired.add(rs.getString(1));
                }
            }
        }
        if (expired.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM seat_claims WHERE booking_id IS NULL AND lock_id IN ("
                + placeholders(expired.size()) + ")")) {
            bind(ps, 1, expired);
            return ps.executeUpdate();
        }
    }

    /** The requested seats that already have a claim, in request order. Call after {@link #dropExpiredClaims}. */
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

    static void insertLock(Connection c, String lockId, String showId, String reference, String state, Instant now,
            Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO locks (id, show_id, reference, state, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, lockId);
            ps.setString(2, showId);
            ps.setString(3, reference);
            ps.setString(4, state);
            ps.setObject(5, utc(now));
            ps.setObject(6, utc(expiresAt));
            ps.executeUpdate();
        }
    }

    static void insertClaims(Connection c, String showId, String lockId, String bookingId, List<String> seatIds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO seat_claims (show_id, seat_id, lock_id, booking_id, seat_order) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < seatIds.size(); i++) {
                ps.setString(1, showId);
                ps.setString(2, seatIds.get(i));
                ps.setString(3, lockId);
                ps.setString(4, bookingId);
                ps.setInt(5, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<String> seatsOfLock(Connection c, String lockId) throws SQLException {
        List<String> seats = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seat_id FROM seat_claims WHERE lock_id = ? ORDER BY seat_order")) {
            ps.setString(1, lockId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seats.add(rs.getString(1));
                }
            }
        }
        return seats;
    }

    static void insertBooking(Connection c, String bookingId, String lockId, String showId, String reference,
            String channel, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO bookings (id, lock_id, show_id, reference, channel, status, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'CONFIRMED', ?)")) {
            ps.setString(1, bookingId);
            ps.setString(2, lockId);
            ps.setString(3, showId);
            ps.setString(4, reference);
            ps.setString(5, channel);
            ps.setObject(6, utc(now));
            ps.executeUpdate();
        }
    }

    static void insertTickets(Connection c, String bookingId, List<Views.TicketView> tickets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tickets (id, booking_id, seat_id, seat_order) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < tickets.size(); i++) {
                ps.setString(1, tickets.get(i).ticketId());
                ps.setString(2, bookingId);
                ps.setString(3, tickets.get(i).seatId());
                ps.setInt(4, i);
                ps.addBatch();
            }
            ps.executeBatch();
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

    static Optional<Views.BookingView> findBooking(Connection c, String bookingId, boolean forUpdate) throws SQLException {
        String lockId;
        String showId;
        String status;
        String reference;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT lock_id, show_id, status, reference FROM bookings WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, bookingId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                lockId = rs.getString(1);
                showId = rs.getString(2);
                status = rs.getString(3);
                reference = rs.getString(4);
            }
        }
        List<Views.TicketView> tickets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seat_id, id FROM tickets WHERE booking_id = ? ORDER BY seat_order")) {
            ps.setString(1, bookingId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tickets.add(new Views.TicketView(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return Optional.of(new Views.BookingView(bookingId, lockId, showId, status, reference, tickets));
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    static void bind(PreparedStatement ps, int first, Collection<String> values) throws SQLException {
        int i = first;
        for (String value : values) {
            ps.setString(i++, value);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
