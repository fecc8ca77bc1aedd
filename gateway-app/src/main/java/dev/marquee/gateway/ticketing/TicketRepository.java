package dev.marquee.gateway.ticketing;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.booking.bookings.Ticket;
import dev.marquee.booking.bookings.TicketStatus;
import dev.marquee.booking.shows.ShowFacts;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Tickets in the gateway's database; the booking code writes them, this reads them and checks them in. */
@Singleton
public class TicketRepository {
    private static final String SELECT = "SELECT t.id, t.booking_id, t.status, t.seat_id, t.seat_label, t.qr_payload, "
            + "t.checked_in_at, t.chain_ticket_ref, b.show_id, b.movie_title, b.cinema_id, b.cinema_name, b.hall_name, b.starts_at, b.ends_at, "
            + "b.status_reason, b.token_hash FROM tickets t JOIN bookings b ON b.id = t.booking_id WHERE t.id = ?";

    private final TransactionOperations<Connection> transactions;

    public TicketRepository(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** A ticket with the hash of its booking's token, if it exists. */
    public Optional<StoredTicket> find(String ticketId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(SELECT)) {
                select.setString(1, ticketId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredTicket(ticket(rs), rs.getString(17))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Marks a VALID ticket USED. One statement decides, so of two scanners reading the same ticket at once exactly
     * one wins, whichever gateway instance each goes through.
     *
     * @return whether this call checked it in
     */
    public boolean checkIn(String ticketId, Instant now) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement(
                    "UPDATE tickets SET status = 'USED', checked_in_at = ? WHERE id = ? AND status = 'VALID'")) {
                update.setObject(1, utc(now));
                update.setString(2, ticketId);
                return update.executeUpdate() == 1;
            }
        });
    }

    private static TicketAtShow ticket(ResultSet rs) throws SQLException {
        Ticket ticket = new Ticket(rs.getString(1), rs.getString(2), rs.getString(4), rs.getString(5), rs.getString(8),
                rs.getString(6), TicketStatus.valueOf(rs.getString(3)), instant(rs, 7));
        ShowFacts show = new ShowFacts(rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), instant(rs, 14),
                instant(rs, 15));
        return new TicketAtShow(ticket, rs.getString(9), show, rs.getString(16));
    }

    /** A ticket and the hash of the token of its booking, which grants access to it. */
    public record StoredTicket(TicketAtShow ticket, String tokenHash) {
    }
}
