package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.gateway.db.Columns;
import dev.marquee.gateway.seating.GatewayHolds;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** The seats of a show's holds, from the shared database, for the seat map: one query per change of the show. */
@Singleton
public class ActiveHoldSeats implements GatewayHolds {
    private final TransactionOperations<Connection> transactions;

    public ActiveHoldSeats(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Seats seats(String showId, Instant now, Instant endedSince) {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT s.seat_id, h.status FROM hold_seats s JOIN holds h ON h.id = s.hold_id "
                            + "WHERE h.show_id = ? AND h.status = 'HELD' AND h.expires_at > ? "
                            + "UNION ALL SELECT s.seat_id, h.status FROM hold_seats s JOIN holds h ON h.id = s.hold_id "
                            + "WHERE h.show_id = ? AND h.ended_at >= ?")) {
                select.setString(1, showId);
                select.setObject(2, Columns.utc(now));
                select.setString(3, showId);
                select.setObject(4, Columns.utc(endedSince));
                Set<String> held = new HashSet<>();
                Set<String> letGo = new HashSet<>();
                Set<String> booked = new HashSet<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String seat = rs.getString(1);
                        switch (HoldStatus.valueOf(rs.getString(2))) {
                            case HELD -> held.add(seat);
                            case BOOKED -> booked.add(seat);
                            default -> letGo.add(seat);
                        }
                    }
                }
                return new Seats(held, letGo, booked);
            } catch (SQLException e) {
                throw new IllegalStateException("Reading the holds of show " + showId + " failed", e);
            }
        });
    }
}
