package dev.marquee.gateway.accounts;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.gateway.db.SingleStatements;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's bookings and tickets, read from the bookings the account made or claimed. A ticket is upcoming until its
 * show ends and past after: a past ticket no longer opens a door (check-in refuses it), so it carries no QR payload.
 */
@Singleton
class MyBookings {
    /** The most an account lists at once; enough for years of cinema going. */
    static final int LIMIT = 200;

    private final SingleStatements statements;
    private final Clock clock;

    MyBookings(SingleStatements statements, Clock clock) {
        this.statements = statements;
        this.clock = clock;
    }

    /** Newest first. */
    List<MyBookingView> bookings(String accountId) {
        return statements.read(c -> {
            Map<String, List<MyBookingView.TicketLine>> tickets = ticketLines(c, accountId);
            List<MyBookingView> bookings = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, status, amount, currency, show_id, movie_title, "
                    + "cinema_id, cinema_name, hall_name, starts_at, ends_at, created_at FROM bookings WHERE account_id = ? "
                    + "ORDER BY created_at DESC, id DESC LIMIT " + LIMIT)) {
                select.setString(1, accountId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        bookings.add(new MyBookingView(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).toPlainString(),
                                rs.getString(4), show(rs, 5), tickets.getOrDefault(rs.getString(1), List.of()), instant(rs, 12)));
                    }
                }
            }
            return bookings;
        });
    }

    private static Map<String, List<MyBookingView.TicketLine>> ticketLines(Connection c, String accountId) throws SQLException {
        Map<String, List<MyBookingView.TicketLine>> lines = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT t.booking_id, t.id, t.seat_label, t.status FROM tickets t "
                + "JOIN bookings b ON b.id = t.booking_id WHERE b.account_id = ? ORDER BY t.seat_label")) {
            select.setString(1, accountId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new MyBookingView.TicketLine(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return lines;
    }

    /** Upcoming: soonest first; past: latest first. */
    List<MyTicketView> tickets(String accountId, boolean upcoming) {
        Instant now = clock.instant();
        return statements.read(c -> {
            List<MyTicketView> tickets = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT t.id, t.booking_id, t.seat_id, t.seat_label, t.status, "
                    + "t.qr_payload, b.show_id, b.movie_title, b.cinema_id, b.cinema_name, b.hall_name, b.starts_at, b.ends_at "
                    + "FROM tickets t JOIN bookings b ON b.id = t.booking_id WHERE b.account_id = ? AND "
                    + (upcoming ? "b.ends_at > ? ORDER BY b.starts_at, t.seat_label" : "b.ends_at <= ? ORDER BY b.starts_at DESC, t.seat_label")
                    + " LIMIT " + LIMIT)) {
                select.setString(1, accountId);
                select.setObject(2, utc(now));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        boolean usable = upcoming && "VALID".equals(rs.getString(5));
                        tickets.add(new MyTicketView(rs.getString(1), rs.getString(2), rs.getString(5), usable, show(rs, 7),
                                new MyTicketView.Seat(rs.getString(3), rs.getString(4)), usable ? rs.getString(6) : null));
                    }
                }
            }
            return tickets;
        });
    }

    /** The show columns from {@code at}: id, movie title, cinema id and name, hall name, starts, ends. */
    private static MyBookingView.ShowLine show(ResultSet rs, int at) throws SQLException {
        return new MyBookingView.ShowLine(rs.getString(at), rs.getString(at + 1), rs.getString(at + 2), rs.getString(at + 3),
                rs.getString(at + 4), instant(rs, at + 5), instant(rs, at + 6));
    }
}
