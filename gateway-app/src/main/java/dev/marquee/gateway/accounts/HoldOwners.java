package dev.marquee.gateway.accounts;

import dev.marquee.gateway.db.SingleStatements;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;

/**
 * Records which account placed a hold; checkout carries it to the booking (bookings.account_id is the hold's). Guests'
 * holds have none.
 */
@Singleton
public class HoldOwners {
    private final SingleStatements statements;

    HoldOwners(SingleStatements statements) {
        this.statements = statements;
    }

    public void own(String holdId, Customer customer) {
        statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE holds SET account_id = ? WHERE id = ?")) {
                update.setString(1, customer.accountId());
                update.setString(2, holdId);
                return update.executeUpdate();
            }
        });
    }
}
