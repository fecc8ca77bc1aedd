package dev.marquee.gateway.accounts;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.db.SqlErrors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Accounts in the gateway's database. */
@Singleton
class JdbcAccountStore implements AccountStore {
    private static final String COLUMNS = "id, email, password_hash, name, phone, default_city_id, email_verified_at, "
            + "payment_token, card_brand, card_last4, created_at";

    private final SingleStatements statements;
    private final TransactionOperations<Connection> transactions;

    JdbcAccountStore(SingleStatements statements, TransactionOperations<Connection> transactions) {
        this.statements = statements;
        this.transactions = transactions;
    }

    @Override
    public boolean insert(Account a) {
        return statements.insertUnlessDuplicate(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, a.id());
                fill(insert, a, 2);
                insert.setObject(11, utc(a.createdAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Account> find(String accountId) {
        return one("id = ?", accountId);
    }

    @Override
    public Optional<Account> findByEmail(String email) {
        return one("email = ?", email);
    }

    private Optional<Account> one(String where, String value) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts WHERE " + where
                    + " AND deleted_at IS NULL")) {
                select.setString(1, value);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(account(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Account account(ResultSet rs) throws SQLException {
        String token = rs.getString(8);
        Account.SavedCard card = token == null ? null : new Account.SavedCard(token, rs.getString(9), rs.getString(10));
        return new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                instant(rs, 7), card, instant(rs, 11));
    }

    /** The columns after id and before created_at, from {@code at}. */
    private static void fill(PreparedStatement statement, Account a, int at) throws SQLException {
        statement.setString(at, a.email());
        statement.setString(at + 1, a.passwordHash());
        statement.setString(at + 2, a.name());
        statement.setString(at + 3, a.phone());
        statement.setString(at + 4, a.defaultCityId());
        statement.setObject(at + 5, a.emailVerifiedAt() == null ? null : utc(a.emailVerifiedAt()));
        statement.setString(at + 6, a.card() == null ? null : a.card().providerToken());
        statement.setString(at + 7, a.card() == null ? null : a.card().brand());
        statement.setString(at + 8, a.card() == null ? null : a.card().last4());
    }

    @Override
    public boolean update(Account a) {
        try {
            return statements.write(c -> {
                try (PreparedStatement update = c.prepareStatement("UPDATE accounts SET email = ?, password_hash = ?, name = ?, "
                        + "phone = ?, default_city_id = ?, email_verified_at = ?, payment_token = ?, card_brand = ?, card_last4 = ? "
                        + "WHERE id = ? AND deleted_at IS NULL")) {
                    fill(update, a, 1);
                    update.setString(10, a.id());
                    return update.executeUpdate() == 1;
                }
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void erase(String accountId, Instant now) {
        transactions.executeWrite(status -> SingleStatements.unchecked(status.getConnection(), c -> {
            run(c, "UPDATE accounts SET email = NULL, password_hash = NULL, name = NULL, phone = NULL, default_city_id = NULL, "
                    + "email_verified_at = NULL, payment_token = NULL, card_brand = NULL, card_last4 = NULL, deleted_at = ? "
                    + "WHERE id = ? AND deleted_at IS NULL", now, accountId);
            run(c, "UPDATE account_sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL", now, accountId);
            run(c, "DELETE FROM account_links WHERE account_id = ?", null, accountId);
            run(c, "UPDATE bookings SET account_id = NULL WHERE account_id = ?", null, accountId);
            run(c, "UPDATE holds SET account_id = NULL WHERE account_id = ?", null, accountId);
            return null;
        }));
    }

    private static void run(Connection c, String sql, Instant now, String accountId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            int at = 1;
            if (now != null) {
                statement.setObject(at++, utc(now));
            }
            statement.setString(at, accountId);
            statement.executeUpdate();
        }
    }

    @Override
    public Optional<BookingOwner> bookingOwner(String bookingId) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, email, account_id FROM bookings WHERE id = ?")) {
                select.setString(1, bookingId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new BookingOwner(rs.getString(1), rs.getString(2), rs.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean attachBooking(String bookingId, String accountId) {
        return statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE bookings SET account_id = ? "
                    + "WHERE id = ? AND (account_id IS NULL OR account_id = ?)")) {
                update.setString(1, accountId);
                update.setString(2, bookingId);
                update.setString(3, accountId);
                return update.executeUpdate() == 1;
            }
        });
    }
}
