package dev.marquee.gateway.db;

import dev.marquee.booking.support.Transactions;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/** One database transaction around the core's atomic work; the JDBC stores called inside join it. */
@Singleton
public class JdbcTransactions implements Transactions {
    private final TransactionOperations<Connection> transactions;

    public JdbcTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }
}
