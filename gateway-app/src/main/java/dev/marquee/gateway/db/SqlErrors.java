package dev.marquee.gateway.db;

import java.sql.SQLException;

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
}
