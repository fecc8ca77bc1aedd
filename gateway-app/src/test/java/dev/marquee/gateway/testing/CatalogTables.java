package dev.marquee.gateway.testing;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Statement;

/** Empties the gateway's tables (catalogue, holds, waitlists, idempotency keys) so that each test starts from nothing. */
@Singleton
public class CatalogTables {
    private final TransactionOperations<Connection> transactions;

    public CatalogTables(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public void clear() {
        transactions.executeWrite(status -> {
            try (Statement statement = status.getConnection().createStatement()) {
                for (String table : new String[] {"booking_emails", "tickets", "payment_events", "bookings", "outbox", "waitlist_entries", "queue_places", "queue_gates", "queue_modes", "queue_hold_attempts", "hold_seats", "holds", "hold_quotas", "idempotency_keys", "shows", "halls", "cinemas", "chain_movie", "movies", "chain_city", "cities", "chain_sync", "chain_sync_leases"}) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
    }
}
