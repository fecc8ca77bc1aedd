package dev.marquee.gateway.booking;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.money;
import static dev.marquee.gateway.db.Columns.utc;
import static dev.marquee.gateway.holds.JdbcHoldStore.seatsOf;

import dev.marquee.booking.bookings.Booking;
import dev.marquee.booking.bookings.BookingStatus;
import dev.marquee.booking.bookings.BookingStore;
import dev.marquee.booking.bookings.Ticket;
import dev.marquee.booking.bookings.TicketStatus;
import dev.marquee.booking.shows.ShowFacts;
import dev.marquee.gateway.db.SqlErrors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Bookings and their tickets in the gateway's database. Every method runs in a transaction of its own,
 * or joins the caller's.
 */
@Singleton
public class JdbcBookingStore implements BookingStore {
    private static final String COLUMNS = "id, hold_id, show_id, chain_id, email, status, status_reason, amount, currency, "
            + "payment_id, payment_url, lock_ref, chain_booking_ref, refund_id, movie_title, cinema_id, cinema_name, hall_name, "
            + "starts_at, ends_at, created_at, changed_at, token_hash, sales_channel";

    private final TransactionOperations<Connection> transactions;

    public JdbcBookingStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    private <T> T inTransaction(SqlWork<T> work) {
        return transactions.executeWrite(status -> work.run(status.getConnection()));
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @Override
    public boolean insert(Booking b, String tokenHash) {
        try {
            return inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO bookings (" + COLUMNS
                        // The account that placed the hold, if any, is the booking's (accounts.HoldOwners).
                        + ", account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "(SELECT account_id FROM holds WHERE id = ?))")) {
                    insert.setString(1, b.id());
                    insert.setString(2, b.holdId());
                    insert.setString(3, b.showId());
                    insert.setString(4, b.chainId());
                    insert.setString(5, b.email());
                    insert.setString(6, b.status().name());
                    insert.setString(7, b.statusReason());
                    insert.setBigDecimal(8, b.amount().amount());
                    insert.setString(9, b.amount().currency());
                    insert.setString(10, b.paymentId());
                    insert.setString(11, b.paymentUrl());
                    insert.setString(12, b.lockRef());
                    insert.setString(13, b.chainBookingRef());
                    insert.setString(14, b.refundId());
                    insert.setString(15, b.show().movieTitle());
                    insert.setString(16, b.show().cinemaId());
                    insert.setString(17, b.show().cinemaName());
                    insert.setString(18, b.show().hallName());
                    insert.setObject(19, utc(b.show().startsAt()));
                    insert.setObject(20, utc(b.show().endsAt()));
                    insert.setObject(21, utc(b.createdAt()));
                    insert.setObject(22, utc(b.changedAt()));
                    insert.setString(23, tokenHash);
                    insert.setString(24, b.salesChannel());
                    insert.setString(25, b.holdId());
                    insert.executeUpdate();
                }
                return true;
            });
        } catch (Exception e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredBooking> find(String bookingId) {
        return one("id = ?", bookingId);
    }

    @Override
    public Optional<StoredBooking> findByHold(String holdId) {
        return one("hold_id = ?", holdId);
    }

    @Override
    public Optional<StoredBooking> findByPayment(String paymentId) {
        return one("payment_id = ?", paymentId);
    }

    @Override
    public Optional<Booking> lock(String bookingId) {
        return inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM bookings WHERE id = ? FOR UPDATE")) {
                select.setString(1, bookingId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(read(c, rs).booking()) : Optional.empty();
                }
            }
        });
    }

    private Optional<StoredBooking> one(String where, String value) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM bookings WHERE " + where)) {
                select.setString(1, value);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(read(c, rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<String> idsIn(BookingStatus status, Instant before, int limit) {
        return transactions.executeRead(tx -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = tx.getConnection().prepareStatement(
                    "SELECT id FROM bookings WHERE status = ? AND changed_at < ? ORDER BY changed_at LIMIT ?")) {
                select.setString(1, status.name());
                select.setObject(2, utc(before));
                select.setInt(3, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public List<Changed> changedIn(BookingStatus status, Instant after, Instant before, int limit) {
        return transactions.executeRead(tx -> {
            List<Changed> changed = new ArrayList<>();
            try (PreparedStatement select = tx.getConnection().prepareStatement("SELECT id, changed_at FROM bookings "
                    + "WHERE status = ? AND changed_at > ? AND changed_at < ? ORDER BY changed_at LIMIT ?")) {
                select.setString(1, status.name());
                select.setObject(2, utc(after));
                select.setObject(3, utc(before));
                select.setInt(4, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        changed.add(new Changed(rs.getString(1), instant(rs, 2)));
                    }
                }
            }
            return changed;
        });
    }

    @Override
    public void paymentOpened(String bookingId, String paymentId, String paymentUrl) {
        update("UPDATE bookings SET payment_id = ?, payment_url = ? WHERE id = ?", paymentId, paymentUrl, bookingId);
    }

    @Override
    public boolean paymentMatched(String bookingId, String paymentId) {
        return update("UPDATE bookings SET payment_id = ? WHERE id = ? AND payment_id IS NULL", paymentId, bookingId) == 1;
    }

    @Override
    public void refundRecorded(String bookingId, String refundId) {
        update("UPDATE bookings SET refund_id = ? WHERE id = ?", refundId, bookingId);
    }

    @Override
    public void lockRenewed(String bookingId, String lockRef) {
        update("UPDATE bookings SET lock_ref = ? WHERE id = ?", lockRef, bookingId);
    }

    private int update(String sql, String... values) {
        return inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    update.setString(i + 1, values[i]);
                }
                return update.executeUpdate();
            }
        });
    }

    @Override
    public boolean transition(String bookingId, Collection<BookingStatus> from, BookingStatus to, String reason, Instant now) {
        return inTransaction(c -> transition(c, bookingId, from, to, reason, now));
    }

    private static boolean transition(Connection c, String bookingId, Collection<BookingStatus> from, BookingStatus to,
            String reason, Instant now) throws SQLException {
        String placeholders = String.join(", ", from.stream().map(s -> "?").toList());
        try (PreparedStatement update = c.prepareStatement("UPDATE bookings SET status = ?, status_reason = ?, changed_at = ? "
                + "WHERE id = ? AND status IN (" + placeholders + ")")) {
            update.setString(1, to.name());
            update.setString(2, reason);
            update.setObject(3, utc(now));
            update.setString(4, bookingId);
            int i = 5;
            for (BookingStatus status : from) {
                update.setString(i++, status.name());
            }
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public void confirmed(String bookingId, String chainBookingRef, Instant now) {
        inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE bookings SET status = 'CONFIRMED', status_reason = NULL, "
                    + "chain_booking_ref = ?, changed_at = ? WHERE id = ?")) {
                update.setString(1, chainBookingRef);
                update.setObject(2, utc(now));
                update.setString(3, bookingId);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void addTickets(List<Ticket> tickets, Instant now) {
        inTransaction(c -> insertTickets(c, tickets, now));
    }

    private static int insertTickets(Connection c, List<Ticket> tickets, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO tickets (id, booking_id, seat_id, seat_label, "
                + "chain_ticket_ref, qr_payload, status, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Ticket t : tickets) {
                insert.setString(1, t.id());
                insert.setString(2, t.bookingId());
                insert.setString(3, t.seatId());
                insert.setString(4, t.seatLabel());
                insert.setString(5, t.chainTicketRef());
                insert.setString(6, t.qrPayload());
                insert.setString(7, t.status().name());
                insert.setObject(8, utc(now));
                insert.addBatch();
            }
            return insert.executeBatch().length;
        }
    }

    @Override
    public void voidTickets(String bookingId) {
        update("UPDATE tickets SET status = 'VOID' WHERE booking_id = ? AND status = 'VALID'", bookingId);
    }

    @Override
    public void restoreTickets(String bookingId) {
        update("UPDATE tickets SET status = 'VALID' WHERE booking_id = ? AND status = 'VOID'", bookingId);
    }

    @Override
    public List<Ticket> tickets(String bookingId) {
        return transactions.executeRead(status -> tickets(status.getConnection(), bookingId));
    }

    private static List<Ticket> tickets(Connection c, String bookingId) throws SQLException {
        List<Ticket> tickets = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, booking_id, seat_id, seat_label, chain_ticket_ref, qr_payload, "
                + "status, checked_in_at FROM tickets WHERE booking_id = ? ORDER BY seat_label, id")) {
            select.setString(1, bookingId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    tickets.add(new Ticket(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), TicketStatus.valueOf(rs.getString(7)), instant(rs, 8)));
                }
            }
        }
        return tickets;
    }

    private static StoredBooking read(Connection c, ResultSet rs) throws SQLException {
        String holdId = rs.getString(2);
        ShowFacts show = new ShowFacts(rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18),
                instant(rs, 19), instant(rs, 20));
        Booking booking = new Booking(rs.getString(1), holdId, rs.getString(3), rs.getString(4), rs.getString(5), seatsOf(c, holdId),
                BookingStatus.valueOf(rs.getString(6)), rs.getString(7), money(rs.getBigDecimal(8), rs.getString(9)),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), show,
                instant(rs, 21), instant(rs, 22), rs.getString(24));
        return new StoredBooking(booking, rs.getString(23));
    }
}
