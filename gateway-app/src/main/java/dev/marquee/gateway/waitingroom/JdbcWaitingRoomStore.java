package dev.marquee.gateway.waitingroom;

import static dev.marquee.gateway.db.Columns.instant;
import static dev.marquee.gateway.db.Columns.utc;

import dev.marquee.booking.waitingroom.PlaceStatus;
import dev.marquee.booking.waitingroom.QueueMode;
import dev.marquee.booking.waitingroom.QueuePlace;
import dev.marquee.booking.waitingroom.QueueScope;
import dev.marquee.booking.waitingroom.WaitingRoomStore;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.db.SqlErrors;
import dev.marquee.gateway.secrets.Sealing;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The waiting room in the gateway's database. Places are numbered by an identity column, so the join order is the
 * database's whichever instance took the join; the unique (show, email) index keeps one place per email. An admission
 * round locks the show's {@code queue_gates} row ({@code SELECT … FOR UPDATE}) for its transaction, so admitters on
 * every instance take turns; joins share that row's lock while they insert (see {@link #join}). Admission tokens are kept {@link Sealing sealed}, with their hash for the hold check.
 */
@Singleton
public class JdbcWaitingRoomStore implements WaitingRoomStore {
    private static final String PLACE_COLUMNS = "id, seq, show_id, email, status, joined_at, admitted_at, admission_expires_at, "
            + "admission_token, token_hash";

    private final TransactionOperations<Connection> transactions;
    private final SingleStatements statements;
    private final Sealing sealing;

    public JdbcWaitingRoomStore(TransactionOperations<Connection> transactions, SingleStatements statements, Sealing sealing) {
        this.transactions = transactions;
        this.statements = statements;
        this.sealing = sealing;
    }

    private <R> R write(SingleStatements.Work<R> work) {
        return transactions.executeWrite(status -> SingleStatements.unchecked(status.getConnection(), work));
    }

    /** What an admission token is sealed for: its place's row. */
    private static String context(String placeId) {
        return "queue_places:" + placeId;
    }

    @Override
    public void putMode(QueueMode mode) {
        write(c -> {
            delete(c, mode.scope());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO queue_modes (scope_kind, scope_id, admissions_per_minute, "
                    + "admission_validity_seconds, automatic, since, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, mode.scope().kind().name());
                insert.setString(2, mode.scope().id());
                insert.setInt(3, mode.admissionsPerMinute());
                insert.setLong(4, mode.admissionValidity().toSeconds());
                insert.setBoolean(5, mode.automatic());
                insert.setObject(6, utc(mode.since()));
                insert.setObject(7, utc(mode.endsAt()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean removeMode(QueueScope scope) {
        return statements.write(c -> delete(c, scope)) > 0;
    }

    private static int delete(Connection c, QueueScope scope) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM queue_modes WHERE scope_kind = ? AND scope_id = ?")) {
            delete.setString(1, scope.kind().name());
            delete.setString(2, scope.id());
            return delete.executeUpdate();
        }
    }

    @Override
    public List<QueueMode> modes() {
        return statements.read(c -> {
            List<QueueMode> modes = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT scope_kind, scope_id, admissions_per_minute, "
                    + "admission_validity_seconds, automatic, since, ends_at FROM queue_modes ORDER BY since");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    modes.add(new QueueMode(new QueueScope(QueueScope.Kind.valueOf(rs.getString(1)), rs.getString(2)), rs.getInt(3),
                            Duration.ofSeconds(rs.getLong(4)), rs.getBoolean(5), instant(rs, 6), instant(rs, 7)));
                }
            }
            return modes;
        });
    }

    /**
     * The place is numbered and inserted under a shared lock on the show's gate, which an admission round holds
     * exclusively: a round therefore never starts while a place numbered before its waiting places is still
     * uncommitted (and so invisible to it), and a place numbered after the round began is inserted only once it ended.
     * Without that, a join committing late could be passed over by a round that admitted someone numbered after it.
     */
    @Override
    public Joining join(String id, String showId, String email, String tokenHash, Instant now) {
        Optional<StoredPlace> existing = findByEmail(showId, email);
        if (existing.isPresent()) {
            return new Joining(existing.get(), false);
        }
        ensureGate(showId, now);
        boolean created;
        try {
            created = write(c -> {
                lockGateShared(c, showId);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO queue_places (id, show_id, email, status, token_hash, "
                        + "joined_at) VALUES (?, ?, ?, 'WAITING', ?, ?)")) {
                    insert.setString(1, id);
                    insert.setString(2, showId);
                    insert.setString(3, email);
                    insert.setString(4, tokenHash);
                    insert.setObject(5, utc(now));
                    return insert.executeUpdate() == 1;
                }
            });
        } catch (RuntimeException e) {
            // The unique (show, email) index refused a second place made at the same moment, on any instance.
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
            created = false;
        }
        return new Joining(findByEmail(showId, email).orElseThrow(), created);
    }

    /** PostgreSQL shares the gate among joins; H2 (the embedded default, one instance) knows only FOR UPDATE. */
    private void lockGateShared(Connection c, String showId) throws SQLException {
        String mode = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? "SHARE" : "UPDATE";
        try (PreparedStatement lock = c.prepareStatement("SELECT show_id FROM queue_gates WHERE show_id = ? FOR " + mode)) {
            lock.setString(1, showId);
            lock.executeQuery().close();
        }
    }

    /** One conditional insert in auto-commit; a gate written at the same moment by another join is all we need. */
    private void ensureGate(String showId, Instant now) {
        statements.insertUnlessDuplicate(c -> insertGate(c, showId, now));
    }

    private static int insertGate(Connection c, String showId, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO queue_gates (show_id, accounted_up_to) "
                + "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM queue_gates WHERE show_id = ?)")) {
            insert.setString(1, showId);
            insert.setObject(2, utc(now));
            insert.setString(3, showId);
            return insert.executeUpdate();
        }
    }

    private Optional<StoredPlace> findByEmail(String showId, String email) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + PLACE_COLUMNS
                    + " FROM queue_places WHERE show_id = ? AND email = ?")) {
                select.setString(1, showId);
                select.setString(2, email);
                return stored(select);
            }
        });
    }

    @Override
    public Optional<StoredPlace> find(String placeId) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + PLACE_COLUMNS + " FROM queue_places WHERE id = ?")) {
                select.setString(1, placeId);
                return stored(select);
            }
        });
    }

    @Override
    public Optional<QueuePlace> admittedWith(String admissionTokenHash) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + PLACE_COLUMNS
                    + " FROM queue_places WHERE admission_token_hash = ?")) {
                select.setString(1, admissionTokenHash);
                return stored(select).map(StoredPlace::place);
            }
        });
    }

    @Override
    public int position(QueuePlace place) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT COUNT(*) FROM queue_places WHERE show_id = ? AND status = 'WAITING' AND seq < ?")) {
                select.setString(1, place.showId());
                select.setLong(2, place.seq());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) + 1;
                }
            }
        });
    }

    @Override
    public long[] waitingOrder(String showId) {
        return statements.read(c -> {
            List<Long> seqs = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT seq FROM queue_places WHERE show_id = ? AND status = 'WAITING' ORDER BY seq")) {
                select.setString(1, showId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getLong(1));
                    }
                }
            }
            return seqs.stream().mapToLong(Long::longValue).toArray();
        });
    }

    @Override
    public List<String> showsWithWaiting() {
        return statements.read(c -> {
            List<String> shows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT show_id FROM queue_places WHERE status = 'WAITING'");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    shows.add(rs.getString(1));
                }
            }
            return shows;
        });
    }

    @Override
    public Instant lockGate(String showId, Instant now) {
        return write(c -> {
            Optional<Instant> locked = selectGateForUpdate(c, showId);
            if (locked.isPresent()) {
                return locked.get();
            }
            // Another admitter may insert the show's gate at the same moment: its insert wins, ours is undone to a
            // savepoint (the transaction goes on), and the select below waits for that admitter's lock.
            Savepoint beforeInsert = c.setSavepoint();
            try {
                insertGate(c, showId, now);
            } catch (SQLException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                c.rollback(beforeInsert);
            }
            return selectGateForUpdate(c, showId).orElseThrow();
        });
    }

    /** Reads the show's gate, locking its row until the transaction ends: the one guard between concurrent admitters. */
    protected Optional<Instant> selectGateForUpdate(Connection c, String showId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT accounted_up_to FROM queue_gates WHERE show_id = ? FOR UPDATE")) {
            select.setString(1, showId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(instant(rs, 1)) : Optional.empty();
            }
        }
    }

    @Override
    public void saveGate(String showId, Instant accountedUpTo) {
        statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE queue_gates SET accounted_up_to = ? WHERE show_id = ?")) {
                update.setObject(1, utc(accountedUpTo));
                update.setString(2, showId);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public List<QueuePlace> nextWaiting(String showId, int limit) {
        return statements.read(c -> {
            List<QueuePlace> places = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + PLACE_COLUMNS
                    + " FROM queue_places WHERE show_id = ? AND status = 'WAITING' ORDER BY seq LIMIT ?")) {
                select.setString(1, showId);
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        places.add(place(rs));
                    }
                }
            }
            return places;
        });
    }

    @Override
    public boolean admit(String placeId, String admissionToken, String admissionTokenHash, Instant now, Instant expiresAt) {
        return statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE queue_places SET status = 'ADMITTED', admitted_at = ?, "
                    + "admission_expires_at = ?, admission_token = ?, admission_token_hash = ? WHERE id = ? AND status = 'WAITING'")) {
                update.setObject(1, utc(now));
                update.setObject(2, utc(expiresAt));
                update.setString(3, sealing.seal(admissionToken, context(placeId)));
                update.setString(4, admissionTokenHash);
                update.setString(5, placeId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public long addHoldAttempts(String showId, Instant windowStart, long attempts) {
        Optional<Long> added = addAndCount(showId, windowStart, attempts);
        if (added.isPresent()) {
            return added.get();
        }
        // The show's first window. Inserted apart from any transaction: a concurrent first insert from another
        // instance is refused by the primary key, and this one then adds to that row instead.
        if (statements.insertUnlessDuplicate(c -> insertAttempts(c, showId, windowStart, attempts))) {
            return attempts;
        }
        return addAndCount(showId, windowStart, attempts).orElseThrow();
    }

    /** Adds to the show's row and reads its count in one transaction; empty when the show has no row yet. */
    private Optional<Long> addAndCount(String showId, Instant windowStart, long attempts) {
        return write(c -> {
            if (addTo(c, showId, windowStart, attempts) == 0) {
                return Optional.<Long>empty();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT attempts FROM queue_hold_attempts WHERE show_id = ?")) {
                select.setString(1, showId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return Optional.of(rs.getLong(1));
                }
            }
        });
    }

    private static int addTo(Connection c, String showId, Instant windowStart, long attempts) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE queue_hold_attempts SET attempts = CASE WHEN window_start = ? "
                + "THEN attempts + CAST(? AS BIGINT) ELSE CAST(? AS BIGINT) END, window_start = ? WHERE show_id = ?")) {
            update.setObject(1, utc(windowStart));
            update.setLong(2, attempts);
            update.setLong(3, attempts);
            update.setObject(4, utc(windowStart));
            update.setString(5, showId);
            return update.executeUpdate();
        }
    }

    private static int insertAttempts(Connection c, String showId, Instant windowStart, long attempts) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO queue_hold_attempts (show_id, window_start, attempts) VALUES (?, ?, ?)")) {
            insert.setString(1, showId);
            insert.setObject(2, utc(windowStart));
            insert.setLong(3, attempts);
            return insert.executeUpdate();
        }
    }

    private Optional<StoredPlace> stored(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(new StoredPlace(place(rs), rs.getString(10))) : Optional.empty();
        }
    }

    private QueuePlace place(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        String sealed = rs.getString(9);
        return new QueuePlace(id, rs.getLong(2), rs.getString(3), rs.getString(4), PlaceStatus.valueOf(rs.getString(5)), instant(rs, 6),
                instant(rs, 7), instant(rs, 8), sealed == null ? null : sealing.open(sealed, context(id)));
    }
}
