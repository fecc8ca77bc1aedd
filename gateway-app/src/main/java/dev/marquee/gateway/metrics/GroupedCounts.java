package dev.marquee.gateway.metrics;

import dev.marquee.gateway.db.SingleStatements;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/** Rows counted by one column, for gauges: a query of the form {@code SELECT key, COUNT(*) FROM … GROUP BY key}. */
public final class GroupedCounts {
    private GroupedCounts() {
    }

    public static Map<String, Long> of(SingleStatements statements, String sql) {
        return statements.read(c -> {
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }
}
