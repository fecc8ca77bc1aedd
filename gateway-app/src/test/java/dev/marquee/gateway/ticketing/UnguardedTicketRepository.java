package dev.marquee.gateway.ticketing;

import dev.marquee.booking.bookings.TicketStatus;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Check-in with the guard taken away: read the status, then write USED whatever it is by then. Only for
 * the control run, which shows the race test catches this.
 */
@Singleton
@Replaces(TicketRepository.class)
@Requires(property = "marquee.test.checkin-guard", value = "off")
class UnguardedTicketRepository extends TicketRepository {
    private final TransactionOperations<Connection> transactions;

    UnguardedTicketRepository(TransactionOperations<Connection> transactions) {
        super(transactions);
        this.transactions = transactions;
    }

    @Override
    public boolean checkIn(String ticketId, Instant now) {
        boolean valid = find(ticketId).map(t -> t.ticket().ticket().status() == TicketStatus.VALID).orElse(false);
        if (!valid) {
            return false;
        }
        pause();
        return transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement(
                    "UPDATE tickets SET status = 'USED', checked_in_at = ? WHERE id = ?")) {
                update.setObject(1, now.atOffset(ZoneOffset.UTC));
                update.setString(2, ticketId);
                return update.executeUpdate() == 1;
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
