package dev.marquee.gateway.holds;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.money;
import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.booking.holds.HeldSeat;
import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.gateway.db.SingleStatements;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Holds in the gateway's database. */
@Singleton
public class JdbcHoldStore implements HoldStore {
    private final TransactionOperations<Connection> transactions;
    private final SingleStatements statements;
    private volatile Boolean postgres;

    public JdbcHoldStore(TransactionOperations<Connection> transactions, SingleStatements statements) {
        this.transactions = transactions;
        this.statements = statements;
    }

    /** Work in a writing transaction; a database failure surfaces unchecked (see {@link SingleStatements#unchecked}). */
    private <R> R write(SingleStatements.Work<R> work) {
        return transactions.executeWrite(status -> SingleStatements.unchecked(status.getConnection(), work));
    }

    private <R> R read(SingleStatements.Work<R> work) {
        return transactions.executeRead(status -> SingleStatements.unchecked(status.getConnection(), work));
    }

    /**
     * Holds of one email and show are recorded one at a time, under a lock on their quota row; the limit is checked by the
     * hold's insert itself, whose statement starts after that lock is held, so it counts every hold committed before.
     * On PostgreSQL the three statements (an upsert that makes the quota row if needed and locks it, the hold, its seats
     * if the hold went in) go to the database together, one round trip, and run in order; H2 makes the row first, then
     * locks it, and sends each statement on its own.
     */
    @Override
    public boolean recordWithin(Hold hold, String tokenHash, int maxSeatsPerEmail, Instant now) {
        if (isPostgres()) {
            return write(c -> recordInOneTrip(c, hold, tokenHash, maxSeatsPerEmail, now));
        }
        ensureQuotaRow(hold.email(), hold.showId());
        return write(c -> {
            lockQuota(c, hold.email(), hold.showId());
            if (!insertWithin(c, hold, tokenHash, maxSeatsPerEmail, now)) {
                return false;
            }
            insertSeats(c, hold);
            return true;
        });
    }

    /**
     * The seats an email holds at a show, counted from the holds whose {@code held_by} is that pair ({@link #heldBy}; set
     * while a hold is HELD, cleared when it ends), through its index, the only one this count can use. Counted by show and
     * email as columns, PostgreSQL took an index by show alone whenever its statistics lagged behind the show's holds (a
     * hot show's new holds, expiry times past the histogram's end) and visited every hold of the show for each count.
     * A hold ended by an instance of a version before held_by (during a rolling upgrade) keeps its value, so the rows found
     * must also not have ended; that is asked of ended_at, not of the status, which holds_due would offer to serve.
     */
    static final String SEATS_HELD_BY = "SELECT COUNT(*) FROM holds h JOIN hold_seats s ON s.hold_id = h.id "
            + "WHERE h.held_by = ? AND h.ended_at IS NULL AND h.expires_at > ?";

    private static final String INSERT_WITHIN = "INSERT INTO holds (id, show_id, chain_id, email, status, lock_ref, "
            + "token_hash, created_at, expires_at, chain_expires_at, held_by) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
            + "WHERE (" + SEATS_HELD_BY + ") + ? <= ?";

    /**
     * The show and email of a held hold as one value: the email after the last unit separator, which no valid email
     * contains (as in migration V18).
     */
    static String heldBy(String showId, String email) {
        return showId + '\u001F' + email;
    }

    /** The quota row's upsert, the hold and its seats as one multi-statement (the driver sends them with one sync). */
    private static boolean recordInOneTrip(Connection c, Hold hold, String tokenHash, int maxSeatsPerEmail, Instant now)
            throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO hold_quotas (email, show_id) VALUES (?, ?) "
                + "ON CONFLICT (email, show_id) DO UPDATE SET email = EXCLUDED.email; ").append(INSERT_WITHIN)
                .append("; INSERT INTO hold_seats (hold_id, seat_id, row_label, seat_number, category, price, currency) "
                        + "SELECT v.hold_id, v.seat_id, v.row_label, v.seat_number, v.category, v.price, v.currency FROM (VALUES ");
        for (int i = 0; i < hold.seats().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, CAST(? AS INT), ?, CAST(? AS NUMERIC), ?)");
        }
        sql.append(") AS v (hold_id, seat_id, row_label, seat_number, category, price, currency) "
                + "WHERE EXISTS (SELECT 1 FROM holds WHERE id = ?)");
        try (PreparedStatement all = c.prepareStatement(sql.toString())) {
            int p = 1;
            all.setString(p++, hold.email());
            all.setString(p++, hold.showId());
            p = bindInsertWithin(all, p, hold, tokenHash, maxSeatsPerEmail, now);
            for (HeldSeat seat : hold.seats()) {
                p = bindSeat(all, p, hold, seat);
            }
            all.setString(p, hold.id());
            all.execute();
            all.getMoreResults(); // past the quota row's count
            boolean inserted = all.getUpdateCount() == 1;
            all.getMoreResults();
            int seats = all.getUpdateCount();
            if (inserted && seats != hold.seats().size()) {
                throw new SQLException("hold " + hold.id() + " recorded " + seats + " of its " + hold.seats().size() + " seats");
            }
            return inserted;
        }
    }

    private static int bindInsertWithin(PreparedStatement insert, int first, Hold hold, String tokenHash, int maxSeatsPerEmail,
            Instant now) throws SQLException {
        int p = first;
        insert.setString(p++, hold.id());
        insert.setString(p++, hold.showId());
        insert.setString(p++, hold.chainId());
        insert.setString(p++, hold.email());
        insert.setString(p++, hold.status().name());
        insert.setString(p++, hold.lockRef());
        insert.setString(p++, tokenHash);
        insert.setObject(p++, utc(hold.createdAt()));
        insert.setObject(p++, utc(hold.expiresAt()));
        insert.setObject(p++, utc(hold.chainExpiresAt()));
        String heldBy = heldBy(hold.showId(), hold.email());
        insert.setString(p++, hold.status() == HoldStatus.HELD ? heldBy : null);
        insert.setString(p++, heldBy);
        insert.setObject(p++, utc(now));
        insert.setInt(p++, hold.seats().size());
        insert.setInt(p++, maxSeatsPerEmail);
        return p;
    }

    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = statements.read(c -> c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"));
            postgres = known;
        }
        return known;
    }

    /** H2: locks the quota row made by {@link #ensureQuotaRow}. */
    private static void lockQuota(Connection c, String email, String showId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT email FROM hold_quotas WHERE email = ? AND show_id = ? FOR UPDATE")) {
            lock.setString(1, email);
            lock.setString(2, showId);
            lock.execute();
        }
    }

    /** One conditional insert, so auto-commit (see {@link SingleStatements}). */
    private void ensureQuotaRow(String email, String showId) {
        // A duplicate was written at the same moment by another hold of this email: the row is there, which is all we need.
        statements.insertUnlessDuplicate(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO hold_quotas (email, show_id) "
                    + "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM hold_quotas WHERE email = ? AND show_id = ?)")) {
                insert.setString(1, email);
                insert.setString(2, showId);
                insert.setString(3, email);
                insert.setString(4, showId);
                return insert.executeUpdate();
            }
        });
    }

    /** Inserts the hold unless its email would then hold more than {@code maxSeatsPerEmail} seats of its show. */
    private static boolean insertWithin(Connection c, Hold hold, String tokenHash, int maxSeatsPerEmail, Instant now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_WITHIN)) {
            bindInsertWithin(insert, 1, hold, tokenHash, maxSeatsPerEmail, now);
            return insert.executeUpdate() == 1;
        }
    }

    private static void insertSeats(Connection c, Hold hold) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO hold_seats (hold_id, seat_id, row_label, seat_number, "
                + "category, price, currency) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (HeldSeat seat : hold.seats()) {
                bindSeat(insert, 1, hold, seat);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A hold_seats row's seven values, from the index given; answers the next free index. */
    private static int bindSeat(PreparedStatement insert, int first, Hold hold, HeldSeat seat) throws SQLException {
        int p = first;
        insert.setString(p++, hold.id());
        insert.setString(p++, seat.seatId());
        insert.setString(p++, seat.row());
        insert.setInt(p++, seat.number());
        insert.setString(p++, seat.category());
        insert.setBigDecimal(p++, seat.price().amount());
        insert.setString(p++, seat.price().currency());
        return p;
    }

    @Override
    public Optional<StoredHold> find(String holdId) {
        return read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, show_id, chain_id, email, status, lock_ref, token_hash, "
                    + "created_at, expires_at, chain_expires_at FROM holds WHERE id = ?")) {
                select.setString(1, holdId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String tokenHash = rs.getString(7);
                    Hold hold = new Hold(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            seatsOf(c, holdId), HoldStatus.valueOf(rs.getString(5)), rs.getString(6), instant(rs, 8),
                            instant(rs, 9), instant(rs, 10));
                    return Optional.of(new StoredHold(hold, tokenHash));
                }
            }
        });
    }

    /** One query, so auto-commit (see {@link SingleStatements}). */
    @Override
    public int seatsHeldBy(String email, String showId, Instant now) {
        return statements.read(c -> seatsHeldBy(c, email, showId, now));
    }

    private static int seatsHeldBy(Connection c, String email, String showId, Instant now) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SEATS_HELD_BY)) {
            select.setString(1, heldBy(showId, email));
            select.setObject(2, utc(now));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public boolean end(String holdId, HoldStatus ending, Instant now) {
        return write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE holds SET status = ?, ended_at = ?, held_by = NULL WHERE id = ? AND status = 'HELD'")) {
                update.setString(1, ending.name());
                update.setObject(2, utc(now));
                update.setString(3, holdId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<String> due(Instant now, int limit) {
        return read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id FROM holds WHERE status = 'HELD' AND expires_at <= ? ORDER BY expires_at LIMIT ?")) {
                select.setObject(1, utc(now));
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public List<String> seatsHeldAt(String showId, Instant now) {
        return read(c -> {
            List<String> seats = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT s.seat_id FROM hold_seats s "
                    + "JOIN holds h ON h.id = s.hold_id WHERE h.show_id = ? AND h.status = 'HELD' AND h.expires_at > ?")) {
                select.setString(1, showId);
                select.setObject(2, utc(now));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        seats.add(rs.getString(1));
                    }
                }
            }
            return seats;
        });
    }

    @Override
    public boolean isHeld(String holdId, Instant now) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT 1 FROM holds WHERE id = ? AND status = 'HELD' AND expires_at > ?")) {
                select.setString(1, holdId);
                select.setObject(2, utc(now));
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** One conditional update, so auto-commit (see {@link SingleStatements}). */
    @Override
    public boolean replaceToken(String holdId, String expectedTokenHash, String newTokenHash, Instant now) {
        return statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE holds SET token_hash = ? "
                    + "WHERE expires_at > ? AND id = ? AND token_hash = ? AND status = 'HELD'")) {
                update.setString(1, newTokenHash);
                update.setObject(2, utc(now));
                update.setString(3, holdId);
                update.setString(4, expectedTokenHash);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void booked(String holdId, Instant now) {
        statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE holds SET status = 'BOOKED', ended_at = COALESCE(ended_at, ?), held_by = NULL WHERE id = ?")) {
                update.setObject(1, utc(now));
                update.setString(2, holdId);
                return update.executeUpdate();
            }
        });
    }

    /** The seats of a hold, read on the caller's connection (a booking's seats are its hold's). */
    public static List<HeldSeat> seatsOf(Connection c, String holdId) throws SQLException {
        List<HeldSeat> seats = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT seat_id, row_label, seat_number, category, price, currency "
                + "FROM hold_seats WHERE hold_id = ? ORDER BY row_label, seat_number")) {
            select.setString(1, holdId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    seats.add(new HeldSeat(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            money(rs.getBigDecimal(5), rs.getString(6))));
                }
            }
        }
        return seats;
    }
}
