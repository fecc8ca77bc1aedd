package dev.marquee.booking.testing;

import dev.marquee.booking.chains.Chains;
import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreTicket;
import dev.marquee.spi.TheatreTimeoutException;
import dev.marquee.spi.TheatreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A chain in memory with real lock semantics: all or none, by reference (the same reference gets the same live
 * lock back), expiring by the injected clock, confirmed by reference (a repeat answers
 * {@link ConfirmOutcome.AlreadyConfirmed} with the same tickets), cancelled bookings free their seats. A test can
 * make the next calls of an operation fail, lose their answers, or have something happen before them, and count the
 * calls of each.
 */
public final class ScriptedTheatre implements TheatreAdapter {

    /** The calls a test can count and make fail. */
    public enum Operation { READ_SEATS, LOCK, RELEASE, CONFIRM, CANCEL, FIND_BOOKING }

    private enum Failure { UNAVAILABLE, TIMEOUT }

    private record Lock(String ref, String showRef, List<String> seats, Instant expiresAt, boolean released, String bookingRef) {
        Lock release() {
            return new Lock(ref, showRef, seats, expiresAt, true, bookingRef);
        }

        Lock confirmedAs(String booking) {
            return new Lock(ref, showRef, seats, expiresAt, released, booking);
        }
    }

    private record ChainBooking(String ref, String showRef, List<TheatreTicket> tickets, boolean cancelled) {
        List<String> seats() {
            return tickets.stream().map(TheatreTicket::seatRef).toList();
        }
    }

    private final String chainId;
    private final Clock clock;
    private final Map<String, Set<String>> halls = new HashMap<>();
    private final Map<String, Lock> locks = new HashMap<>();
    private final Map<String, String> lockByReference = new HashMap<>();
    private final Map<String, ChainBooking> bookings = new HashMap<>();
    private final Map<String, String> bookingByReference = new HashMap<>();
    private final Map<Operation, Integer> calls = new EnumMap<>(Operation.class);
    private final Map<Operation, Failure> failure = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> failuresLeft = new EnumMap<>(Operation.class);
    private Duration grantedLockTime;
    private String cancellationRefusal;
    private Consumer<SeatLockRequest> beforeNextLock;
    private int lockAnswersToLose;
    private int confirmAnswersToLose;
    private final Map<Operation, Runnable> beforeNext = new EnumMap<>(Operation.class);
    private int ids;

    public ScriptedTheatre(String chainId, Clock clock) {
        this.chainId = chainId;
        this.clock = clock;
    }

    public String chainId() {
        return chainId;
    }

    /** The chains of a gateway that serves this chain alone. */
    public Chains asChains() {
        return id -> chainId.equals(id) ? Optional.of(this) : Optional.empty();
    }

    /** The chain sells a show in a hall of these seats. */
    public synchronized void addShow(String showRef, Collection<Seat> seats) {
        halls.put(showRef, new HashSet<>(seats.stream().map(Seat::ref).toList()));
    }

    /** Someone buys seats directly at the chain. */
    public synchronized void sell(String showRef, String... seatRefs) {
        String ref = "sale-" + ++ids;
        bookings.put(ref, new ChainBooking(ref, showRef, tickets(List.of(seatRefs)), false));
    }

    /** The next {@code times} calls of {@code operation} throw {@link TheatreUnavailableException}. */
    public synchronized void unavailableFor(Operation operation, int times) {
        failNext(operation, times, Failure.UNAVAILABLE);
    }

    /** The next {@code times} calls of {@code operation} throw {@link TheatreTimeoutException}. */
    public synchronized void timeOutFor(Operation operation, int times) {
        failNext(operation, times, Failure.TIMEOUT);
    }

    /**
     * The next {@code times} locks are taken at the chain, and then their answers time out: the chain holds the seats
     * while the caller gets {@link TheatreTimeoutException}.
     */
    public synchronized void loseAnswersOfLocks(int times) {
        lockAnswersToLose = times;
    }

    /**
     * The next {@code times} confirmations book the seats at the chain, and then their answers time out: the chain holds
     * the booking while the caller gets {@link TheatreTimeoutException}.
     */
    public synchronized void loseAnswersOfConfirms(int times) {
        confirmAnswersToLose = times;
    }

    /**
     * Runs {@code action} once, when {@code operation} is next called and before the chain does anything else, as
     * something happening at the chain (or in the gateway) while the call is on its way.
     */
    public synchronized void beforeNext(Operation operation, Runnable action) {
        beforeNext.put(operation, action);
    }

    /** Locks are granted for this long whatever was asked; null restores granting what was asked. */
    public synchronized void grantLocksFor(Duration lockTime) {
        this.grantedLockTime = lockTime;
    }

    /** Cancellations are refused with this reason. */
    public synchronized void refuseCancellations(String reason) {
        this.cancellationRefusal = reason;
    }

    /** Runs {@code action} once, when the next lock is asked for and before the chain looks at its seats. */
    public synchronized void beforeNextLock(Consumer<SeatLockRequest> action) {
        this.beforeNextLock = action;
    }

    /** How many times {@code operation} was called, failed calls included. */
    public synchronized int calls(Operation operation) {
        return calls.getOrDefault(operation, 0);
    }

    /** Seats of the show locked now, by anyone. */
    public synchronized Set<String> heldSeats(String showRef) {
        Set<String> held = new HashSet<>();
        locks.values().stream().filter(l -> l.showRef().equals(showRef) && isActive(l)).forEach(l -> held.addAll(l.seats()));
        return held;
    }

    /** Seats of the show in bookings that are not cancelled. */
    public synchronized Set<String> soldSeats(String showRef) {
        Set<String> sold = new HashSet<>();
        bookings.values().stream().filter(b -> b.showRef().equals(showRef) && !b.cancelled()).forEach(b -> sold.addAll(b.seats()));
        return sold;
    }

    public synchronized boolean isLocked(String lockRef) {
        return Optional.ofNullable(locks.get(lockRef)).map(this::isActive).orElse(false);
    }

    @Override
    public CatalogChanges readCatalog(CatalogCursor since) {
        return new CatalogChanges(since.isStart(), List.of(), List.of(), List.of(), List.of(), List.of(), since);
    }

    @Override
    public synchronized SeatAvailability readSeats(String showRef) {
        call(Operation.READ_SEATS);
        return new SeatAvailability(showRef, heldSeats(showRef), soldSeats(showRef), clock.instant());
    }

    @Override
    public LockOutcome lockSeats(SeatLockRequest request) {
        Consumer<SeatLockRequest> action;
        synchronized (this) {
            call(Operation.LOCK);
            action = beforeNextLock;
            beforeNextLock = null;
        }
        if (action != null) {
            action.accept(request);
        }
        LockOutcome outcome = lock(request);
        synchronized (this) {
            if (lockAnswersToLose > 0) {
                lockAnswersToLose--;
                throw new TheatreTimeoutException(chainId, "scripted loss of the answer to a lock", null);
            }
        }
        return outcome;
    }

    private synchronized LockOutcome lock(SeatLockRequest request) {
        String earlier = lockByReference.get(request.reference());
        if (earlier != null && isActive(locks.get(earlier))) {
            return new LockOutcome.Locked(earlier, locks.get(earlier).expiresAt());
        }
        Set<String> hall = halls.get(request.showRef());
        if (hall == null) {
            return new LockOutcome.Refused("no show " + request.showRef());
        }
        if (!hall.containsAll(request.seatRefs())) {
            return new LockOutcome.Refused("not seats of the hall: " + request.seatRefs());
        }
        Set<String> taken = new HashSet<>(heldSeats(request.showRef()));
        taken.addAll(soldSeats(request.showRef()));
        List<String> takenRequested = request.seatRefs().stream().filter(taken::contains).toList();
        if (!takenRequested.isEmpty()) {
            return new LockOutcome.SeatsTaken(takenRequested);
        }
        Duration lockTime = grantedLockTime == null ? request.ttl() : grantedLockTime;
        Lock lock = new Lock("lock-" + ++ids, request.showRef(), request.seatRefs(), clock.instant().plus(lockTime), false, null);
        locks.put(lock.ref(), lock);
        lockByReference.put(request.reference(), lock.ref());
        return new LockOutcome.Locked(lock.ref(), lock.expiresAt());
    }

    @Override
    public synchronized ReleaseOutcome release(String lockRef) {
        releaseLock(lockRef);
        Lock lock = locks.get(lockRef);
        boolean confirmed = lock != null && lock.bookingRef() != null;
        return confirmed ? new ReleaseOutcome.AlreadyConfirmed() : new ReleaseOutcome.Released();
    }

    @Override
    @Deprecated
    public synchronized void releaseLock(String lockRef) {
        call(Operation.RELEASE);
        Lock lock = locks.get(lockRef);
        if (lock != null && lock.bookingRef() == null) {
            locks.put(lockRef, lock.release());
        }
    }

    @Override
    public synchronized ConfirmOutcome confirm(ConfirmRequest request) {
        call(Operation.CONFIRM);
        String earlier = bookingByReference.get(request.reference());
        if (earlier != null) {
            return new ConfirmOutcome.AlreadyConfirmed(earlier, bookings.get(earlier).tickets());
        }
        Lock lock = locks.get(request.lockRef());
        if (lock == null || !isActive(lock)) {
            return new ConfirmOutcome.LockExpired();
        }
        ChainBooking booking = new ChainBooking("booking-" + ++ids, lock.showRef(), tickets(lock.seats()), false);
        bookings.put(booking.ref(), booking);
        bookingByReference.put(request.reference(), booking.ref());
        locks.put(lock.ref(), lock.confirmedAs(booking.ref()));
        if (confirmAnswersToLose > 0) {
            confirmAnswersToLose--;
            throw new TheatreTimeoutException(chainId, "scripted loss of the answer to a confirmation", null);
        }
        return new ConfirmOutcome.Confirmed(booking.ref(), booking.tickets());
    }

    @Override
    public synchronized BookingLookup findBooking(String reference) {
        call(Operation.FIND_BOOKING);
        String bookingRef = bookingByReference.get(reference);
        if (bookingRef == null) {
            return new BookingLookup.NotFound();
        }
        ChainBooking booking = bookings.get(bookingRef);
        return booking.cancelled() ? new BookingLookup.Cancelled(bookingRef) : new BookingLookup.Booked(bookingRef, booking.tickets());
    }

    @Override
    public synchronized CancelOutcome cancelBooking(String bookingRef) {
        call(Operation.CANCEL);
        if (cancellationRefusal != null) {
            return new CancelOutcome.NotCancellable(cancellationRefusal);
        }
        ChainBooking booking = bookings.get(bookingRef);
        if (booking == null) {
            return new CancelOutcome.NotCancellable("no booking " + bookingRef);
        }
        bookings.put(bookingRef, new ChainBooking(booking.ref(), booking.showRef(), booking.tickets(), true));
        return new CancelOutcome.Cancelled();
    }

    private boolean isActive(Lock lock) {
        return !lock.released() && lock.bookingRef() == null && clock.instant().isBefore(lock.expiresAt());
    }

    private List<TheatreTicket> tickets(List<String> seatRefs) {
        return seatRefs.stream().map(seat -> new TheatreTicket(seat, "ticket-" + ++ids)).toList();
    }

    private void failNext(Operation operation, int times, Failure kind) {
        failure.put(operation, kind);
        failuresLeft.put(operation, times);
    }

    /** Counts the call, and throws if the test said this call fails. */
    private void call(Operation operation) {
        calls.merge(operation, 1, Integer::sum);
        Runnable action = beforeNext.remove(operation);
        if (action != null) {
            action.run();
        }
        int left = failuresLeft.getOrDefault(operation, 0);
        if (left == 0) {
            return;
        }
        failuresLeft.put(operation, left - 1);
        String message = "scripted failure of " + operation;
        throw switch (failure.get(operation)) {
            case UNAVAILABLE -> new TheatreUnavailableException(chainId, message, null);
            case TIMEOUT -> new TheatreTimeoutException(chainId, message, null);
        };
    }
}
