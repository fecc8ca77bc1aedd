package dev.marquee.sandbox.booking;

import static dev.marquee.sandbox.booking.ShowRecords.utc;

import dev.marquee.sandbox.Database;
import dev.marquee.sandbox.SandboxConfig;
import dev.marquee.sandbox.http.Problem;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seat locks and bookings of the chain, first come first served and all or nothing.
 *
 * <p>Every operation that changes a show's seats runs in one transaction that first locks the show's
 * row ({@code SELECT … FOR UPDATE}), so operations on one show run one after another; the primary key
 * of {@code seat_claims} (show, seat) is the backstop that makes a second claim on a seat impossible.
 * Each such transaction gives the show a new revision. Expiry is judged against the injected clock.
 */
@Singleton
public class Reservations {
    private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);
    /** SQLState of a unique/primary key violation (PostgreSQL and H2). */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;
    private final Clock clock;
    private final Duration defaultTtl;

    public Reservations(Database database, Clock clock, SandboxConfig config) {
        this.database = database;
        this.clock = clock;
        this.defaultTtl = config.lockTtl();
    }

    public Duration defaultTtl() {
        return defaultTtl;
    }

    /**
     * Locks every seat or none. A live lock of the same show with the same reference is returned
     * instead of making another.
     */
    public Outcomes.LockOutcome lock(String showId, List<String> seatIds, Duration ttl, String reference) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Duration lifetime = ttl == null ? defaultTtl : ttl;
        try {
            return database.inTransaction(c -> {
                Optional<ShowRecords.LockedShow> found = ShowRecords.lockShow(c, showId);
                if (found.isEmpty()) {
                    return new Outcomes.Refused(Problem.UNKNOWN_SHOW, "No show " + showId);
                }
                ShowRecords.LockedShow show = found.get();
                Optional<ShowRecords.LockRow> same = ShowRecords.liveLockWithReference(c, showId, reference, now);
                if (same.isPresent()) {
                    return unchanged(c, new Outcomes.Locked(lockView(c, same.get()), false));
                }
                Optional<Outcomes.Refused> refused = checkBookable(c, show, seatIds, now);
                if (refused.isPresent()) {
                    return unchanged(c, refused.get());
                }
                List<String> taken = takenSeats(c, show, seatIds, now);
                if (!taken.isEmpty()) {
                    return unchanged(c, new Outcomes.SeatsTaken(taken));
                }
                String lockId = newId("lk");
                Instant expiresAt = now.plus(lifetime);
                ShowRecords.insertLock(c, lockId, showId, reference, "ACTIVE", now, expiresAt);
                ShowRecords.insertClaims(c, showId, lockId, null, seatIds);
                ShowRecords.bumpRevision(c, showId);
                LOG.debug("Locked {} of show {} as {} until {}", seatIds, showId, lockId, expiresAt);
                return new Outcomes.Locked(new Views.LockView(lockId, showId, seatIds, expiresAt.toString(), reference), true);
            });
        } catch (Database.DatabaseException e) {
            return seatsTakenIfDuplicate(e, showId, seatIds);
        }
    }

    /** A sale at the chain's own box office: the seats are sold at once, without a lock a client could see. */
    public Outcomes.SaleOutcome sell(String showId, List<String> seatIds) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            return database.inTransaction(c -> {
                Optional<ShowRecords.LockedShow> found = ShowRecords.lockShow(c, showId);
                if (found.isEmpty()) {
                    return new Outcomes.Refused(Problem.UNKNOWN_SHOW, "No show " + showId);
                }
                ShowRecords.LockedShow show = found.get();
                Optional<Outcomes.Refused> refused = checkBookable(c, show, seatIds, now);
                if (refused.isPresent()) {
                    return refused.get();
                }
                List<String> taken = takenSeats(c, show, seatIds, now);
                if (!taken.isEmpty()) {
                    return new Outcomes.SeatsTaken(taken);
                }
                String lockId = newId("lk");
                String bookingId = newId("bk");
                ShowRecords.insertLock(c, lockId, showId, "box-office:" + bookingId, "CONFIRMED", now, now);
                ShowRecords.insertBooking(c, bookingId, lockId, showId, "box-office", "BOX_OFFICE", now);
                ShowRecords.insertClaims(c, showId, lockId, bookingId, seatIds);
                List<Views.TicketView> tickets = tickets(seatIds);
                ShowRecords.insertTickets(c, bookingId, tickets);
                ShowRecords.bumpRevision(c, showId);
                return new Outcomes.Sold(new Views.BookingView(bookingId, lockId, showId, "CONFIRMED", "box-office", tickets));
            });
        } catch (Database.DatabaseException e) {
            Outcomes.LockOutcome outcome = seatsTakenIfDuplicate(e, showId, seatIds);
            return (Outcomes.SeatsTaken) outcome;
        }
    }

    /** Releases a lock; an unknown, expired or released lock is released already. */
    public Outcomes.ReleaseOutcome release(String lockId) {
        return database.inTransaction(c -> {
            Optional<ShowRecords.LockRow> seen = ShowRecords.findLock(c, lockId, false);
            if (seen.isEmpty()) {
                return new Outcomes.Released();
            }
            ShowRecords.lockShow(c, seen.get().showId());
            Optional<ShowRecords.LockRow> lock = ShowRecords.findLock(c, lockId, true);
            if (lock.isEmpty()) {
                return new Outcomes.Released();
            }
            if (lock.get().confirmed()) {
                return new Outcomes.AlreadyConfirmed(ShowRecords.bookingOfLock(c, lockId).orElse(""));
            }
            deleteLock(c, lockId);
            ShowRecords.bumpRevision(c, lock.get().showId());
            return new Outcomes.Released();
        });
    }

    /** Turns a live lock into a booking with one ticket per seat. */
    public Outcomes.ConfirmOutcome confirm(String lockId, String reference) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return database.inTransaction(c -> {
            Optional<ShowRecords.LockRow> seen = ShowRecords.findLock(c, lockId, false);
            if (seen.isEmpty()) {
                return new Outcomes.Gone();
            }
            ShowRecords.lockShow(c, seen.get().showId());
            Optional<ShowRecords.LockRow> found = ShowRecords.findLock(c, lockId, true);
            if (found.isEmpty()) {
                return new Outcomes.Gone();
            }
            ShowRecords.LockRow lock = found.get();
            if (lock.confirmed()) {
                return new Outcomes.AlreadyConfirmed(ShowRecords.bookingOfLock(c, lockId).orElse(""));
            }
            if (!lock.liveAt(now)) {
                return new Outcomes.Gone();
            }
            List<String> seats = ShowRecords.seatsOfLock(c, lockId);
            String bookingId = newId("bk");
            ShowRecords.insertBooking(c, bookingId, lockId, lock.showId(), reference, "API", now);
            List<Views.TicketView> tickets = tickets(seats);
            ShowRecords.insertTickets(c, bookingId, tickets);
            try (PreparedStatement ps = c.prepareStatement("UPDATE seat_claims SET booking_id = ? WHERE lock_id = ?")) {
                ps.setString(1, bookingId);
                ps.setString(2, lockId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE locks SET state = 'CONFIRMED' WHERE id = ?")) {
                ps.setString(1, lockId);
                ps.executeUpdate();
            }
            ShowRecords.bumpRevision(c, lock.showId());
            return new Outcomes.Confirmed(new Views.BookingView(bookingId, lockId, lock.showId(), "CONFIRMED", reference, tickets));
        });
    }

    public Optional<Views.BookingView> booking(String bookingId) {
        return database.inTransaction(c -> ShowRecords.findBooking(c, bookingId, false));
    }

    /**
     * The show's locks made for a reference that hold seats now or became bookings, confirmed ones first:
     * what a client asks when it lost the answer to a lock or a confirmation. Changes nothing.
     */
    public Views.FoundLocksView locksWithReference(String showId, String reference) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return database.inTransaction(c -> {
            List<ShowRecords.LockRow> rows = ShowRecords.locksWithReference(c, showId, reference);
            List<Views.FoundLockView> found = new ArrayList<>();
            for (ShowRecords.LockRow lock : rows) {
                if (lock.confirmed()) {
                    Optional<String> bookingId = ShowRecords.bookingOfLock(c, lock.id());
                    Optional<Views.BookingView> booking = bookingId.isEmpty() ? Optional.empty()
                            : ShowRecords.findBooking(c, bookingId.get(), false);
                    booking.ifPresent(b -> found.add(new Views.FoundLockView(lock.id(), lock.showId(),
                            b.tickets().stream().map(Views.TicketView::seatId).toList(), lock.expiresAt().toString(),
                            lock.reference(), "CONFIRMED", b)));
                } else if (lock.liveAt(now)) {
                    found.add(new Views.FoundLockView(lock.id(), lock.showId(), ShowRecords.seatsOfLock(c, lock.id()),
                            lock.expiresAt().toString(), lock.reference(), "ACTIVE", null));
                }
            }
            return new Views.FoundLocksView(found);
        });
    }

    /**
     * The bookings confirmed through the API with a reference, those still confirmed first: what a client
     * asks when it lost the answer to a confirmation or a cancellation. Changes nothing.
     */
    public Views.FoundBookingsView bookingsWithReference(String reference) {
        return database.inTransaction(c -> {
            List<Views.BookingView> found = new ArrayList<>();
            for (String bookingId : ShowRecords.bookingsWithReference(c, reference)) {
                ShowRecords.findBooking(c, bookingId, false).ifPresent(found::add);
            }
            return new Views.FoundBookingsView(found);
        });
    }

    /** Cancels a booking and frees its seats, unless its show has started. Cancelling twice is fine. */
    public Outcomes.CancelOutcome cancel(String bookingId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return database.inTransaction(c -> {
            Optional<Views.BookingView> seen = ShowRecords.findBooking(c, bookingId, false);
            if (seen.isEmpty()) {
                return new Outcomes.BookingNotFound();
            }
            Optional<ShowRecords.LockedShow> show = ShowRecords.lockShow(c, seen.get().showId());
            Views.BookingView booking = ShowRecords.findBooking(c, bookingId, true).orElseThrow();
            if (booking.status().equals("CANCELLED")) {
                return new Outcomes.Cancelled(booking);
            }
            if (show.isPresent() && !show.get().startsAt().isAfter(now)) {
                return new Outcomes.ShowStarted(booking);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE bookings SET status = 'CANCELLED', cancelled_at = ? WHERE id = ?")) {
                ps.setObject(1, utc(now));
                ps.setString(2, bookingId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM seat_claims WHERE booking_id = ?")) {
                ps.setString(1, bookingId);
                ps.executeUpdate();
            }
            ShowRecords.bumpRevision(c, booking.showId());
            return new Outcomes.Cancelled(new Views.BookingView(booking.bookingId(), booking.lockId(), booking.showId(),
                    "CANCELLED", booking.reference(), booking.tickets()));
        });
    }

    /** The show's held and sold seats now, or empty when there is no such show. */
    public Optional<Views.SeatsView> seats(String showId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return database.inTransaction(c -> {
            if (!ShowRecords.showExists(c, showId)) {
                return Optional.empty();
            }
            List<String> held = new ArrayList<>();
            List<String> sold = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT c.seat_id, c.booking_id, l.expires_at FROM seat_claims c JOIN locks l ON l.id = c.lock_id"
                            + " WHERE c.show_id = ? ORDER BY c.seat_id")) {
                ps.setString(1, showId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(2) != null) {
                            sold.add(rs.getString(1));
                        } else if (rs.getObject(3, OffsetDateTime.class).toInstant().isAfter(now)) {
                            held.add(rs.getString(1));
                        }
                    }
                }
            }
            return Optional.of(new Views.SeatsView(showId, held, sold, now.toString()));
        });
    }

    /**
     * Deletes locks that expired, one show at a time, and gives those shows new revisions.
     *
     * @return how many locks were deleted
     */
    public int sweepExpired() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> shows = database.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT show_id FROM locks WHERE state = 'ACTIVE' AND expires_at <= ?")) {
                ps.setObject(1, utc(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
        int swept = 0;
        for (String showId : shows) {
            swept += database.inTransaction(c -> {
                ShowRecords.lockShow(c, showId);
                ShowRecords.dropExpiredClaims(c, showId, now);
                int deleted;
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM locks WHERE show_id = ? AND state = 'ACTIVE' AND expires_at <= ?")) {
                    ps.setString(1, showId);
                    ps.setObject(2, utc(now));
                    deleted = ps.executeUpdate();
                }
                ShowRecords.bumpRevision(c, showId);
                return deleted;
            });
        }
        return swept;
    }

    /**
     * Ends a lock attempt that claims nothing (a conflict, a refusal, a repeated request) with a rollback
     * rather than a commit. Its row lock on the show gave the transaction an id, so a commit would wait
     * for a commit record to be flushed while the next request for the show waits for the row; most
     * attempts on a hot show end this way. Anything undone is redone by the next attempt or the sweeper
     * (freeing dead claims).
     */
    private static <T> T unchanged(Connection c, T outcome) throws SQLException {
        c.rollback();
        return outcome;
    }

    private static Optional<Outcomes.Refused> checkBookable(Connection c, ShowRecords.LockedShow show,
            List<String> seatIds, Instant now) throws SQLException {
        if (show.cancelled()) {
            return Optional.of(new Outcomes.Refused(Problem.SHOW_NOT_BOOKABLE, "Show " + show.id() + " is cancelled"));
        }
        if (!show.startsAt().isAfter(now)) {
            return Optional.of(new Outcomes.Refused(Problem.SHOW_NOT_BOOKABLE,
                    "Show " + show.id() + " started at " + show.startsAt()));
        }
        List<String> unknown = ShowRecords.seatsNotInHall(c, show.hallId(), seatIds);
        if (!unknown.isEmpty()) {
            return Optional.of(new Outcomes.Refused(Problem.UNKNOWN_SEAT,
                    "Not seats of hall " + show.hallId() + ": " + String.join(", ", unknown)));
        }
        return Optional.empty();
    }

    private static List<String> takenSeats(Connection c, ShowRecords.LockedShow show, List<String> seatIds, Instant now)
            throws SQLException {
        ShowRecords.dropExpiredClaims(c, show.id(), now);
        return ShowRecords.claimedSeats(c, show.id(), seatIds);
    }

    private static void deleteLock(Connection c, String lockId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM seat_claims WHERE lock_id = ? AND booking_id IS NULL")) {
            ps.setString(1, lockId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM locks WHERE id = ? AND state = 'ACTIVE'")) {
            ps.setString(1, lockId);
            ps.executeUpdate();
        }
    }

    /**
     * The show row lock makes this unreachable for the sandbox's own transactions; a writer that skips
     * it (a JDBC adapter that forgot the recipe) still cannot claim a seat twice.
     */
    private Outcomes.LockOutcome seatsTakenIfDuplicate(Database.DatabaseException e, String showId, List<String> seatIds) {
        if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
            throw e;
        }
        LOG.warn("A concurrent writer claimed seats of show {} without locking the show first", showId);
        List<String> taken = database.inTransaction(c -> ShowRecords.claimedSeats(c, showId, seatIds));
        return new Outcomes.SeatsTaken(taken.isEmpty() ? seatIds : taken);
    }

    private static List<Views.TicketView> tickets(List<String> seatIds) {
        return seatIds.stream().map(seat -> new Views.TicketView(seat, newId("tk"))).toList();
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    private static Views.LockView lockView(Connection c, ShowRecords.LockRow lock) throws SQLException {
        return new Views.LockView(lock.id(), lock.showId(), ShowRecords.seatsOfLock(c, lock.id()),
                lock.expiresAt().toString(), lock.reference());
    }
}
