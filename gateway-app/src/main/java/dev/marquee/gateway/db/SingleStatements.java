package dev.marquee.gateway.db;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work that is one SQL statement on a pooled connection in auto-commit mode. The statement is
 * its own transaction, just as inside {@code TransactionOperations.executeWrite}, but without the
 * separate COMMIT round trip and the transaction manager's bookkeeping: on the hold path, where every
 * attempt makes three or more such calls, that was a measurable share of the gateway's time. Called
 * inside a transaction, the work joins it (the connection operations reuse the bound connection).
 * Work of more than one statement that must be atomic belongs in a transaction, not here.
 */
@Singleton
public class SingleStatements {
    private final ConnectionOperations<Connection> connections;
    private final TransactionOperations<Connection> transactions;

    public SingleStatements(ConnectionOperations<Connection> connections, TransactionOperations<Connection> transactions) {
        this.connections = connections;
        this.transactions = transactions;
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    /** Runs one writing statement. A failure keeps its {@link SQLException} as the cause (see {@link SqlErrors}). */
    public <R> R write(Work<R> work) {
        boolean inTransaction = transactions.findTransactionStatus().isPresent();
        return connections.executeWrite(status -> {
            Connection connection = status.getConnection();
            R result = run(work, connection);
            if (!inTransaction) {
                // A pool configured without auto-commit would otherwise roll the write back on return.
                commitUnlessAutoCommit(connection);
            }
            return result;
        });
    }

    /**
     * Runs one inserting statement that a unique key may refuse.
     *
     * @return whether the row went in; false when the unique key already had it (a repeat, or a concurrent writer)
     */
    public boolean insertUnlessDuplicate(Work<Integer> insert) {
        try {
            return write(insert) > 0;
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void commitUnlessAutoCommit(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new StatementFailedException(e);
        }
    }

    /** Runs one reading statement. */
    public <R> R read(Work<R> work) {
        return connections.executeRead(status -> run(work, status.getConnection()));
    }

    /**
     * Runs work on a connection the caller has, such as its transaction's, with a failure surfacing unchecked as for
     * a single statement. Micronaut's transaction callbacks let a checked {@link SQLException} escape as it is, past
     * every {@code catch (RuntimeException)} of the callers.
     */
    public static <R> R unchecked(Connection connection, Work<R> work) {
        return run(work, connection);
    }

    private static <R> R run(Work<R> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StatementFailedException(e);
        }
    }

    /** A statement that failed; its cause is what the database said. */
    public static final class StatementFailedException extends RuntimeException {
        StatementFailedException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
