package dev.marquee.gateway.testing;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Counts rows for a test's assertion, in a read transaction of its own. */
public final class RowCount {
    private RowCount() {
    }

    /** The count a {@code SELECT COUNT(*) … WHERE … = ?} query answers for one argument. */
    public static int of(TransactionOperations<Connection> transactions, String countQuery, String argument) {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(countQuery)) {
                select.setString(1, argument);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
