package dev.marquee.gateway.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Reading what the database said when a statement failed. */
public final class SqlErrors {
    /** SQLSTATE of a unique constraint violated; PostgreSQL and H2 both use it. */
    public static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    /**
     * Whether a failure (or one of its causes) is a unique constraint refusing a second row: how the
     * gateway learns that a key, an event or a claim was taken first by someone else.
     */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a failure (or one of its causes) says the database could not be reached: no connection within the pool's
     * timeout, a connection lost, or a server shutting down or starting up (SQLSTATE class 08, and 57P01 to 57P03).
     * Nothing was done then, and the same request a little later may well succeed.
     */
    public static boolean isDatabaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
