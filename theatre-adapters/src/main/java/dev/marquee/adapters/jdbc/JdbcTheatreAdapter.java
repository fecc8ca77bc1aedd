package dev.marquee.adapters.jdbc;

import dev.marquee.adapters.CallTiming;
import dev.marquee.adapters.ConfirmedLocks;
import dev.marquee.adapters.jdbc.SeatRecords.BookingRow;
import dev.marquee.adapters.jdbc.SeatRecords.LockRow;
import dev.marquee.adapters.jdbc.SeatRecords.ShowRow;
import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.ChainContext;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockLookup;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreProtocolException;
import dev.marquee.spi.TheatreTicket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A chain reached through its own database, which follows {@code contracts/sandbox-schema.sql}: every
 * operation is one of the transactions {@code contracts/sandbox-schema.md} spells out, so the adapter and
 * the chain's own software can write at the same time. It answers as the REST adapter does against the
 * same chain's theatre API.
 *
 * <p>"Now" is the gateway's clock ({@link ChainContext#clock()}), passed into the SQL rather than the
 * database's {@code now()}, as the chain's own software does with its clock: expiry is judged the same way
 * on both sides as long as the two machines' clocks agree. Failures become {@link TheatreException}s naming the chain and the call.
 * Thread-safe: connections come from a pool.
 */
final class JdbcTheatreAdapter implements TheatreAdapter {
    /** SQLState of a unique or primary key violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** The bounds the chain's theatre API puts on a lock's TTL, kept so that both adapters lock alike. */
    private static final long MIN_TTL_SECONDS = 1;
    private static final long MAX_TTL_SECONDS = 3600;
    /** The width of {@code locks.reference} and {@code bookings.reference}. */
    static final int MAX_REFERENCE = 100;

    private final String chainId;
    private final JdbcSettings settings;
    private final ChainDatabase database;
    private final Clock clock;
    private final System.Logger log;

    JdbcTheatreAdapter(ChainContext context, JdbcSettings settings) {
        this.chainId = context.chainId();
        this.settings = settings;
        this.clock = context.clock();
        this.log = System.getLogger(context.loggerName());
        this.database = new ChainDatabase(chainId, settings, new CallTiming(context));
    }

    @Override
    public CatalogChanges readCatalog(CatalogCursor since) {
        Objects.requireNonNull(since, "since");
        String call = "readCatalog since " + (since.isStart() ? "the start" : "cursor " + since.value());
        try {
            CatalogQueries.revisionOf(since);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chain " + chainId + ": " + call + ": " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        return database.inTransaction(call,
                c -> CatalogQueries.read(c, since, settings.pageSize(), settings.cursorOverlap(), now));
    }

    @Override
    public SeatAvailability readSeats(String showRef) {
        String call = "readSeats of show " + showRef;
        Instant now = now();
        return database.inTransaction(call, c -> {
            if (!SeatRecords.showExists(c, showRef)) {
                throw new TheatreProtocolException(chainId, call + ": the chain has no show " + showRef, null);
            }
            Set<String> held = new HashSet<>();
            Set<String> sold = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.seat_id, c.booking_id, l.expires_at"
                    + " FROM seat_claims c JOIN locks l ON l.id = c.lock_id WHERE c.show_id = ?")) {
                ps.setString(1, showRef);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(2) != null) {
                            sold.add(rs.getString(1));
                        } else if (SeatRecords.instant(rs, 3).isAfter(now)) {
                            held.add(rs.getString(1));
                        }
                        // else: the claim of an expired lock nobody has swept yet, so the seat is free
                    }
                }
            }
            return new SeatAvailability(showRef, held, sold, now);
        });
    }

    @Override
    public LockOutcome lockSeats(SeatLockRequest request) {
        String call = "lockSeats of show " + request.showRef() + " " + request.seatRefs();
        checkReference(call, request.reference());
        Instant now = now();
        Instant expiresAt = now.plusSeconds(ttlSeconds(request.ttl()));
        try {
            return database.inTransaction(call, c -> lock(c, request, now, expiresAt));
        } catch (SeatClaimed e) {
            // Only a writer that skipped the show's row lock gets here; the primary key stopped it.
            log.log(System.Logger.Level.WARNING, "chain {0}: a concurrent writer claimed seats of show {1} without locking"
                    + " the show first", chainId, request.showRef());
            List<String> taken = database.inTransaction(call, c -> SeatRecords.claimedSeats(c, request.showRef(), request.seatRefs()));
            return new LockOutcome.SeatsTaken(taken.isEmpty() ? request.seatRefs() : taken);
        }
    }

    private LockOutcome lock(Connection c, SeatLockRequest request, Instant now, Instant expiresAt) throws SQLException {
        String showId = request.showRef();
        Optional<ShowRow> found = SeatRecords.lockShow(c, showId);
        if (found.isEmpty()) {
            return new LockOutcome.Refused("No show " + showId);
        }
        ShowRow show = found.get();
        Optional<LockRow> same = SeatRecords.liveLockWithReference(c, showId, request.reference(), now);
        if (same.isPresent()) {
            return new LockOutcome.Locked(same.get().id(), same.get().expiresAt());
        }
        if (show.cancelled()) {
            return new LockOutcome.Refused("Show " + showId + " is cancelled");
        }
        if (!show.startsAt().isAfter(now)) {
            return new LockOutcome.Refused("Show " + showId + " started at " + show.startsAt());
        }
        List<String> unknown = SeatRecords.seatsNotInHall(c, show.hallId(), request.seatRefs());
        if (!unknown.isEmpty()) {
            return new LockOutcome.Refused("Not seats of hall " + show.hallId() + ": " + String.join(", ", unknown));
        }
        SeatRecords.dropExpiredClaims(c, showId, now);
        List<String> taken = SeatRecords.claimedSeats(c, showId, request.seatRefs());
        if (!taken.isEmpty()) {
            return new LockOutcome.SeatsTaken(taken);
        }
        String lockId = newId("lk");
        SeatRecords.insertLock(c, lockId, showId, request.reference(), now, expiresAt);
        try {
            SeatRecords.insertClaims(c, showId, lockId, request.seatRefs());
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new SeatClaimed(e);
            }
            throw e;
        }
        SeatRecords.bumpRevision(c, showId);
        return new LockOutcome.Locked(lockId, expiresAt);
    }

    @Override
    public ReleaseOutcome release(String lockRef) {
        String call = "release of lock " + lockRef;
        return database.inTransaction(call, c -> {
            Optional<LockRow> seen = SeatRecords.findLock(c, lockRef, false);
            if (seen.isEmpty()) {
                return new ReleaseOutcome.Released();
            }
            SeatRecords.lockShow(c, seen.get().showId());
            Optional<LockRow> lock = SeatRecords.findLock(c, lockRef, true);
            if (lock.isEmpty()) {
                return new ReleaseOutcome.Released();
            }
            if (lock.get().confirmed()) {
                return new ReleaseOutcome.AlreadyConfirmed();
            }
            SeatRecords.deleteLock(c, lockRef);
            SeatRecords.bumpRevision(c, lock.get().showId());
            return new ReleaseOutcome.Released();
        });
    }

    @Override
    @Deprecated
    public void releaseLock(String lockRef) {
        ConfirmedLocks.refuseRelease(chainId, lockRef, release(lockRef));
    }

    @Override
    public ConfirmOutcome confirm(ConfirmRequest request) {
        String call = "confirm of lock " + request.lockRef();
        checkReference(call, request.reference());
        Instant now = now();
        return database.inTransaction(call, c -> {
            Optional<LockRow> seen = SeatRecords.findLock(c, request.lockRef(), false);
            if (seen.isEmpty()) {
                return new ConfirmOutcome.LockExpired();
            }
            SeatRecords.lockShow(c, seen.get().showId());
            Optional<LockRow> found = SeatRecords.findLock(c, request.lockRef(), true);
            if (found.isEmpty()) {
                return new ConfirmOutcome.LockExpired();
            }
            LockRow lock = found.get();
            if (lock.confirmed()) {
                return alreadyConfirmed(c, call, lock);
            }
            if (!lock.liveAt(now)) {
                return new ConfirmOutcome.LockExpired();
            }
            List<String> seats = SeatRecords.seatsOfLock(c, lock.id());
            if (seats.isEmpty()) {
                throw new TheatreProtocolException(chainId, call + ": the active lock claims no seats", null);
            }
            String bookingId = newId("bk");
            List<TheatreTicket> tickets = seats.stream().map(seat -> new TheatreTicket(seat, newId("tk"))).toList();
            SeatRecords.book(c, bookingId, lock, request.reference(), tickets, now);
            SeatRecords.bumpRevision(c, lock.showId());
            return new ConfirmOutcome.Confirmed(bookingId, tickets);
        });
    }

    /** The booking and tickets the earlier confirmation made, which a retried confirmation needs. */
    private ConfirmOutcome.AlreadyConfirmed alreadyConfirmed(Connection c, String call, LockRow lock) throws SQLException {
        String bookingId = SeatRecords.bookingOfLock(c, lock.id()).orElseThrow(() -> new TheatreProtocolException(chainId,
                call + ": the lock is CONFIRMED but no booking refers to it", null));
        List<TheatreTicket> tickets = SeatRecords.ticketsOfBooking(c, bookingId);
        if (tickets.isEmpty()) {
            throw new TheatreProtocolException(chainId, call + ": booking " + bookingId + " of the CONFIRMED lock has no tickets", null);
        }
        return new ConfirmOutcome.AlreadyConfirmed(bookingId, tickets);
    }

    @Override
    public CancelOutcome cancelBooking(String bookingRef) {
        String call = "cancelBooking " + bookingRef;
        Instant now = now();
        return database.inTransaction(call, c -> {
            Optional<BookingRow> seen = SeatRecords.findBooking(c, bookingRef, false);
            if (seen.isEmpty()) {
                return new CancelOutcome.NotCancellable("the chain does not know booking " + bookingRef);
            }
            Optional<ShowRow> show = SeatRecords.lockShow(c, seen.get().showId());
            BookingRow booking = SeatRecords.findBooking(c, bookingRef, true).orElseThrow(() -> new TheatreProtocolException(chainId,
                    call + ": the booking disappeared while its show was locked", null));
            if (booking.cancelled()) {
                return new CancelOutcome.Cancelled();
            }
            if (show.isPresent() && !show.get().startsAt().isAfter(now)) {
                return new CancelOutcome.NotCancellable("The show of booking " + bookingRef + " has started");
            }
            SeatRecords.cancelBooking(c, bookingRef, now);
            SeatRecords.bumpRevision(c, booking.showId());
            return new CancelOutcome.Cancelled();
        });
    }

    /** {@inheritDoc} Reads the chain's locks as {@code GET /theatre/v1/locks} does, without locking anything. */
    @Override
    public LockLookup findLock(String showRef, String reference) {
        String call = "findLock of show " + showRef + " with reference " + reference;
        checkReference(call, reference);
        Instant now = now();
        return database.inTransaction(call, c -> {
            for (LockRow lock : SeatRecords.locksWithReference(c, showRef, reference)) {
                if (lock.confirmed()) {
                    ConfirmOutcome.AlreadyConfirmed booked = alreadyConfirmed(c, call, lock);
                    return new LockLookup.Confirmed(lock.id(), booked.bookingRef(), booked.tickets());
                }
                if (lock.liveAt(now)) {
                    List<String> seats = SeatRecords.seatsOfLock(c, lock.id());
                    if (seats.isEmpty()) {
                        throw new TheatreProtocolException(chainId, call + ": the active lock " + lock.id() + " claims no seats", null);
                    }
                    return new LockLookup.Held(lock.id(), seats, lock.expiresAt());
                }
            }
            return new LockLookup.Gone();
        });
    }

    /** {@inheritDoc} Reads the chain's bookings as {@code GET /theatre/v1/bookings} does; box-office sales are not found. */
    @Override
    public BookingLookup findBooking(String reference) {
        String call = "findBooking with reference " + reference;
        checkReference(call, reference);
        return database.inTransaction(call, c -> {
            List<BookingRow> found = SeatRecords.bookingsWithReference(c, reference);
            if (found.isEmpty()) {
                return new BookingLookup.NotFound();
            }
            BookingRow booking = found.getFirst();
            if (booking.cancelled()) {
                return new BookingLookup.Cancelled(booking.id());
            }
            List<TheatreTicket> tickets = SeatRecords.ticketsOfBooking(c, booking.id());
            if (tickets.isEmpty()) {
                throw new TheatreProtocolException(chainId, call + ": booking " + booking.id() + " has no tickets", null);
            }
            return new BookingLookup.Booked(booking.id(), tickets);
        });
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "JdbcTheatreAdapter[chain=" + chainId + ", " + settings + "]";
    }

    /** As the theatre API: whole seconds from 1 to 3600; a longer lock is cut to the hour. */
    static long ttlSeconds(Duration ttl) {
        long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
        return Math.clamp(seconds, MIN_TTL_SECONDS, MAX_TTL_SECONDS);
    }

    /** Millisecond precision, as the chain's own software keeps its instants. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void checkReference(String call, String reference) {
        if (reference.length() > MAX_REFERENCE) {
            throw new IllegalArgumentException("chain " + chainId + ": " + call + ": reference must be at most "
                    + MAX_REFERENCE + " characters, was " + reference.length());
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A seat claim hit the primary key: another writer claimed a seat without taking the show's row lock. */
    private static final class SeatClaimed extends RuntimeException {
        SeatClaimed(SQLException cause) {
            super(cause);
        }
    }
}
