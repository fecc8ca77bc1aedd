package dev.marquee.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.testing.RowCount;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A single statement's write is kept even where the pool hands out connections without auto-commit. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleStatementsTest implements TestPropertyProvider {
    @Inject
    SingleStatements statements;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("datasources.default.auto-commit", "false", "marquee.sync.enabled", "false");
    }

    @Test
    void aWriteOutsideATransactionIsCommittedWhateverThePoolsAutoCommit() {
        String email = "single-" + UUID.randomUUID() + "@example.org";

        statements.write(c -> insertQuota(c, email));

        assertThat(quotaRows(email)).as("seen from another connection").isEqualTo(1);
    }

    @Test
    void aWriteInsideATransactionIsPartOfIt() {
        String email = "joined-" + UUID.randomUUID() + "@example.org";
        try {
            transactions.executeWrite(status -> {
                statements.write(c -> insertQuota(c, email));
                throw new IllegalStateException("the transaction fails after the write");
            });
        } catch (IllegalStateException expected) {
            // rolled back, the joined write with it
        }

        assertThat(quotaRows(email)).isZero();
    }

    private static int insertQuota(Connection c, String email) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO hold_quotas (email, show_id) VALUES (?, 'show-x')")) {
            insert.setString(1, email);
            return insert.executeUpdate();
        }
    }

    private int quotaRows(String email) {
        return RowCount.of(transactions, "SELECT COUNT(*) FROM hold_quotas WHERE email = ?", email);
    }
}
