package dev.marquee.gateway.booking;

import dev.marquee.gateway.db.SqlErrors;
import static dev.marquee.gateway.booking.HoldRepository.instant;
import static dev.marquee.gateway.booking.HoldRepository.money;
import static dev.marquee.gateway.booking.HoldRepository.seatsOf;
import static dev.marquee.gateway.booking.HoldRepository.utc;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Bookings and their tickets in the gateway's database. */
@Singleton
public class BookingRepository {
    private static final String COLUMNS = "id, hold_id, show_id, chain_id, email, status, status_reason, amount, currency, "
            + "payment_id, payment_url, lock_ref, chain_booking_ref, refund_id, movie_title, cinema_id, cinema_name, hall_name, "
            + "starts_at, ends_at, created_at, changed_at, token_hash";

    private final TransactionOperations<Connection> transactions;

    public BookingRepository(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code work} in one write transaction, e.g. a status change together with its outbox messages. */
    public <T> T inTransaction(SqlWork<T> work) {
        return transactions.executeWrite(status -> work.run(status.getConnection()));
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Inserts a new booking; answers false when the hold already has one (one booking per hold). */
    public boolean insert(Booking b, String tokenHash) {
        try {
            return inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO bookings (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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

    public Optional<StoredBooking> find(String bookingId) {
        return one("id = ?", bookingId);
    }

    public Optional<StoredBooking> findByHold(String holdId) {
        return one("hold_id = ?", holdId);
    }

    public Optional<StoredBooking> findByPayment(String paymentId) {
        return one("payment_id = ?", paymentId);
    }

    /** The booking as it is inside an open transaction, its row locked against concurrent changes. */
    public Optional<Booking> lock(Connection c, String bookingId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM bookings WHERE id = ? FOR UPDATE")) {
            select.setString(1, bookingId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(c, rs).booking()) : Optional.empty();
            }
        }
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

    /** Ids of bookings in a status whose last change was before {@code before}, oldest first. */
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

    public void paymentOpened(String bookingId, String paymentId, String paymentUrl) {
        update("UPDATE bookings SET payment_id = ?, payment_url = ? WHERE id = ?", paymentId, paymentUrl, bookingId);
    }

    public void refundRequested(String bookingId, String refundId) {
        update("UPDATE bookings SET refund_id = ? WHERE id = ?", refundId, bookingId);
    }

    public void lockRenewed(Connection c, String bookingId, String lockRef) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE bookings SET lock_ref = ? WHERE id = ?")) {
            update.setString(1, lockRef);
            update.setString(2, bookingId);
            update.executeUpdate();
        }
    }

    private void update(String sql, String... values) {
        inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    update.setString(i + 1, values[i]);
                }
                return update.executeUpdate();
            }
        });
    }

    /**
     * Moves a booking to {@code to} if it is in one of {@code from}; only one caller wins a change.
     *
     * @return whether this call changed it
     */
    public boolean transition(Connection c, String bookingId, Collection<BookingStatus> from, BookingStatus to, String reason,
            Instant now) throws SQLException {
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

    public void confirmed(Connection c, String bookingId, String chainBookingRef, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE bookings SET status = 'CONFIRMED', status_reason = NULL, "
                + "chain_booking_ref = ?, changed_at = ? WHERE id = ?")) {
            update.setString(1, chainBookingRef);
            update.setObject(2, utc(now));
            update.setString(3, bookingId);
            update.executeUpdate();
        }
    }

    public void insertTickets(Connection c, List<Ticket> tickets, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO tickets (id, booking_id, seat_id, seat_label, "
                + "chain_ticket_ref, qr_payload, status, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Ticket t : tickets) {
                insert.setString(1, t.id());
                insert.setString(2, t.bookingId());
                insert.setString(3, t.seatId());
                insert.setString(4, t.seatLabel());
                insert.setString(5, t.chainTicketRef());
                insert.setString(6, t.qrPayload());
                insert.setString(7, t.status());
                insert.setObject(8, utc(now));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Tickets of a cancelled or refunded booking can no longer be used. */
    public void voidTickets(Connection c, String bookingId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE tickets SET status = 'VOID' WHERE booking_id = ? AND status = 'VALID'")) {
            update.setString(1, bookingId);
            update.executeUpdate();
        }
    }

    public void holdBooked(Connection c, String holdId, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE holds SET status = 'BOOKED', ended_at = COALESCE(ended_at, ?) WHERE id = ?")) {
            update.setObject(1, utc(now));
            update.setString(2, holdId);
            update.executeUpdate();
        }
    }

    public List<Ticket> tickets(String bookingId) {
        return transactions.executeRead(status -> tickets(status.getConnection(), bookingId));
    }

    public List<Ticket> tickets(Connection c, String bookingId) throws SQLException {
        List<Ticket> tickets = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, booking_id, seat_id, seat_label, chain_ticket_ref, qr_payload, "
                + "status, checked_in_at FROM tickets WHERE booking_id = ? ORDER BY seat_label, id")) {
            select.setString(1, bookingId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime checkedIn = rs.getObject(8, OffsetDateTime.class);
                    tickets.add(new Ticket(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), checkedIn == null ? null : checkedIn.toInstant()));
                }
            }
        }
        return tickets;
    }

    private static StoredBooking read(Connection c, ResultSet rs) throws SQLException {
        String holdId = rs.getString(2);
        Booking.ShowFacts show = new Booking.ShowFacts(rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18),
                instant(rs, 19), instant(rs, 20));
        Booking booking = new Booking(rs.getString(1), holdId, rs.getString(3), rs.getString(4), rs.getString(5), seatsOf(c, holdId),
                BookingStatus.valueOf(rs.getString(6)), rs.getString(7), money(rs.getBigDecimal(8), rs.getString(9)),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), show,
                instant(rs, 21), instant(rs, 22));
        return new StoredBooking(booking, rs.getString(23));
    }


    /** A booking and the hash of the token that grants access to it. */
    public record StoredBooking(Booking booking, String tokenHash) {
    }
}
