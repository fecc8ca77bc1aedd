package dev.marquee.gateway.waitlist;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.booking.waitlist.WaitlistEntry;
import dev.marquee.booking.waitlist.WaitlistStatus;
import dev.marquee.booking.waitlist.WaitlistStore;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.secrets.Sealing;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Waitlist entries in the gateway's database; an offered hold's token is kept {@link Sealing sealed}. */
@Singleton
public class JdbcWaitlistStore implements WaitlistStore {
    private static final String COLUMNS = "id, seq, show_id, email, seat_count, category, status, hold_id, hold_token, "
            + "hold_expires_at, joined_at, token_hash";

    private final TransactionOperations<Connection> transactions;
    private final Sealing sealing;

    public JdbcWaitlistStore(TransactionOperations<Connection> transactions, Sealing sealing) {
        this.transactions = transactions;
        this.sealing = sealing;
    }

    /** Work in a writing transaction; a database failure surfaces unchecked (see {@link SingleStatements#unchecked}). */
    private <R> R write(SingleStatements.Work<R> work) {
        return transactions.executeWrite(status -> SingleStatements.unchecked(status.getConnection(), work));
    }

    private <R> R read(SingleStatements.Work<R> work) {
        return transactions.executeRead(status -> SingleStatements.unchecked(status.getConnection(), work));
    }

    /** What an offered hold's token is sealed for: its entry's row. */
    private static String context(String entryId) {
        return "waitlist_entries:" + entryId;
    }

    @Override
    public void add(String id, String showId, String email, int seatCount, String category, String tokenHash, Instant joinedAt) {
        write(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO waitlist_entries (id, show_id, "
                    + "email, seat_count, category, status, token_hash, joined_at, changed_at) VALUES (?, ?, ?, ?, ?, 'WAITING', ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, showId);
                insert.setString(3, email);
                insert.setInt(4, seatCount);
                insert.setString(5, category);
                insert.setString(6, tokenHash);
                insert.setObject(7, utc(joinedAt));
                insert.setObject(8, utc(joinedAt));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredEntry> find(String id) {
        return read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM waitlist_entries WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredEntry(entry(rs), rs.getString(12))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<WaitlistEntry> waiting(String showId) {
        return read(c -> {
            List<WaitlistEntry> entries = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM waitlist_entries WHERE show_id = ? AND status = 'WAITING' ORDER BY seq")) {
                select.setString(1, showId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
            }
            return entries;
        });
    }

    @Override
    public int position(WaitlistEntry entry) {
        return read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT COUNT(*) FROM waitlist_entries WHERE show_id = ? AND status = 'WAITING' AND seq < ?")) {
                select.setString(1, entry.showId());
                select.setLong(2, entry.seq());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) + 1;
                }
            }
        });
    }

    @Override
    public List<String> showsWithWaiting() {
        return read(c -> {
            List<String> shows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT DISTINCT show_id FROM waitlist_entries WHERE status = 'WAITING'");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    shows.add(rs.getString(1));
                }
            }
            return shows;
        });
    }

    @Override
    public boolean offer(String id, String holdId, String holdToken, Instant holdExpiresAt, Instant now) {
        return write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE waitlist_entries SET status = 'OFFERED', "
                    + "hold_id = ?, hold_token = ?, hold_expires_at = ?, changed_at = ? WHERE id = ? AND status = 'WAITING'")) {
                update.setString(1, holdId);
                update.setString(2, sealing.seal(holdToken, context(id)));
                update.setObject(3, utc(holdExpiresAt));
                update.setObject(4, utc(now));
                update.setString(5, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean move(String id, WaitlistStatus from, WaitlistStatus to, Instant now) {
        return write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE waitlist_entries SET status = ?, changed_at = ? WHERE id = ? AND status = ?")) {
                update.setString(1, to.name());
                update.setObject(2, utc(now));
                update.setString(3, id);
                update.setString(4, from.name());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<WaitlistEntry> offeredWith(String holdId) {
        return read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM waitlist_entries WHERE hold_id = ? AND status = 'OFFERED'")) {
                select.setString(1, holdId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
                }
            }
        });
    }

    private WaitlistEntry entry(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new WaitlistEntry(id, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                WaitlistStatus.valueOf(rs.getString(7)), rs.getString(8), sealing.open(rs.getString(9), context(id)),
                instant(rs, 10), instant(rs, 11));
    }
}
