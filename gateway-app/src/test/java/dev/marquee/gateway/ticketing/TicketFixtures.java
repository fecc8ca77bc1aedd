package dev.marquee.gateway.ticketing;

import dev.marquee.booking.bookings.TicketClaims;
import dev.marquee.booking.tokens.Secrets;
import dev.marquee.booking.tokens.Tokens;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Confirmed bookings with signed tickets, written straight to the tables as the booking code would, and the
 * cleanup of every table ticketing and booking email use.
 */
@Singleton
public class TicketFixtures {
    private final TransactionOperations<Connection> transactions;
    private final TicketSigner signer;

    public TicketFixtures(TransactionOperations<Connection> transactions, TicketSigner signer) {
        this.transactions = transactions;
        this.signer = signer;
    }

    /** A booking about to be issued: change what a test cares about, keep the rest. */
    public static Booking booking() {
        Instant startsAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new Booking("aurora:1042", "aurora:88123", startsAt, startsAt.plus(Duration.ofMinutes(150)), List.of("F12", "F13"));
    }

    /**
     * @param cinemaId the cinema the tickets are for
     * @param showId the show
     * @param startsAt when it starts
     * @param endsAt when it ends
     * @param seats seat ids, which are also their labels
     */
    public record Booking(String cinemaId, String showId, Instant startsAt, Instant endsAt, List<String> seats) {
        public Booking at(String cinema) {
            return new Booking(cinema, showId, startsAt, endsAt, seats);
        }

        public Booking running(Instant starts, Instant ends) {
            return new Booking(cinemaId, showId, starts, ends, seats);
        }

        public Booking seats(String... seatIds) {
            return new Booking(cinemaId, showId, startsAt, endsAt, List.of(seatIds));
        }
    }

    /** A booking in the database, with the token its holder got and its tickets. */
    public record Issued(String bookingId, String token, List<IssuedTicket> tickets) {
        public IssuedTicket first() {
            return tickets.getFirst();
        }
    }

    /** One issued ticket. */
    public record IssuedTicket(String ticketId, String seatLabel, String qrPayload, TicketClaims claims) {
    }

    public Issued issue(Booking booking) {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        String holdId = "hld_" + suffix;
        String bookingId = "bkg_" + suffix;
        String token = Secrets.random().newToken();
        List<IssuedTicket> tickets = new ArrayList<>();
        for (String seat : booking.seats()) {
            String ticketId = "tkt_" + suffix.substring(0, 12) + "_" + seat;
            TicketClaims claims = new TicketClaims(ticketId, bookingId, booking.showId(), booking.cinemaId(), seat, seat,
                    booking.startsAt(), booking.endsAt());
            tickets.add(new IssuedTicket(ticketId, seat, signer.sign(claims), claims));
        }
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try (PreparedStatement hold = c.prepareStatement("INSERT INTO holds (id, show_id, chain_id, email, status, lock_ref, "
                    + "token_hash, created_at, expires_at, chain_expires_at) VALUES (?, ?, 'aurora', 'ada@example.org', "
                    + "'RELEASED', 'lock-1', ?, ?, ?, ?)")) {
                // Any status the hold code knows will do: ticketing never reads holds, bookings need one to refer to.
                hold.setString(1, holdId);
                hold.setString(2, booking.showId());
                hold.setString(3, Tokens.hash(token));
                hold.setObject(4, now);
                hold.setObject(5, now.plusMinutes(5));
                hold.setObject(6, now.plusMinutes(6));
                hold.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bookings (id, hold_id, show_id, chain_id, email, "
                    + "status, amount, currency, token_hash, lock_ref, movie_title, cinema_id, cinema_name, hall_name, "
                    + "starts_at, ends_at, created_at, changed_at) VALUES (?, ?, ?, 'aurora', 'ada@example.org', 'CONFIRMED', "
                    + "23.00, 'EUR', ?, 'lock-1', 'Interstellar', ?, 'Aurora Leith', 'Screen 3', ?, ?, ?, ?)")) {
                insert.setString(1, bookingId);
                insert.setString(2, holdId);
                insert.setString(3, booking.showId());
                insert.setString(4, Tokens.hash(token));
                insert.setString(5, booking.cinemaId());
                insert.setObject(6, booking.startsAt().atOffset(ZoneOffset.UTC));
                insert.setObject(7, booking.endsAt().atOffset(ZoneOffset.UTC));
                insert.setObject(8, now);
                insert.setObject(9, now);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO tickets (id, booking_id, seat_id, seat_label, "
                    + "qr_payload, status, issued_at) VALUES (?, ?, ?, ?, ?, 'VALID', ?)")) {
                for (IssuedTicket ticket : tickets) {
                    insert.setString(1, ticket.ticketId());
                    insert.setString(2, bookingId);
                    insert.setString(3, ticket.seatLabel());
                    insert.setString(4, ticket.seatLabel());
                    insert.setString(5, ticket.qrPayload());
                    insert.setObject(6, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        return new Issued(bookingId, token, List.copyOf(tickets));
    }

    /** Cancels a booking as the booking code does: its tickets turn VOID. */
    public void cancel(String bookingId, String reason) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE bookings SET status = 'CANCELLED', status_reason = ? WHERE id = ?")) {
                update.setString(1, reason);
                update.setString(2, bookingId);
                update.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE tickets SET status = 'VOID' WHERE booking_id = ?")) {
                update.setString(1, bookingId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Empties the tables of tickets, bookings, their holds and booking emails. The signing key stays. */
    public void clear() {
        transactions.executeWrite(status -> {
            try (Statement statement = status.getConnection().createStatement()) {
                for (String table : new String[] {"booking_emails", "tickets", "payment_events", "bookings", "hold_seats", "holds"}) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
    }
}
