package dev.marquee.contracts.conformance;

import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockLookup;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreTicket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The correct {@link InMemoryChain} with one deliberate defect, for the kit's control run: each subclass
 * breaks one promise of the SPI, and the kit test that guards that promise must fail against it.
 */
abstract class BrokenChain implements TheatreAdapter, ChainControl {
    final InMemoryChain chain = new InMemoryChain();

    @Override
    public CatalogChanges readCatalog(CatalogCursor since) {
        return chain.readCatalog(since);
    }

    @Override
    public SeatAvailability readSeats(String showRef) {
        return chain.readSeats(showRef);
    }

    @Override
    public LockOutcome lockSeats(SeatLockRequest request) {
        return chain.lockSeats(request);
    }

    @Override
    public ReleaseOutcome release(String lockRef) {
        return chain.release(lockRef);
    }

    @Override
    @Deprecated
    public void releaseLock(String lockRef) {
        chain.releaseLock(lockRef);
    }

    @Override
    public ConfirmOutcome confirm(ConfirmRequest request) {
        return chain.confirm(request);
    }

    @Override
    public CancelOutcome cancelBooking(String bookingRef) {
        return chain.cancelBooking(bookingRef);
    }

    @Override
    public LockLookup findLock(String showRef, String reference) {
        return chain.findLock(showRef, reference);
    }

    @Override
    public BookingLookup findBooking(String reference) {
        return chain.findBooking(reference);
    }

    @Override
    public String addShow(String movieRef, String hallRef, Instant startsAt) {
        return chain.addShow(movieRef, hallRef, startsAt);
    }

    @Override
    public void moveShow(String showRef, Instant startsAt) {
        chain.moveShow(showRef, startsAt);
    }

    @Override
    public void cancelShow(String showRef) {
        chain.cancelShow(showRef);
    }

    @Override
    public void sell(String showRef, List<String> seatRefs) {
        chain.sell(showRef, seatRefs);
    }

    /** Locks seat by seat: the free ones stay locked when another is taken, so a lock is not all or nothing. */
    static final class PiecemealLocking extends BrokenChain {
        @Override
        public LockOutcome lockSeats(SeatLockRequest request) {
            List<String> taken = new ArrayList<>();
            LockOutcome.Locked first = null;
            for (String seat : request.seatRefs()) {
                LockOutcome outcome = chain.lockSeats(new SeatLockRequest(request.showRef(), List.of(seat), request.ttl(),
                        request.reference() + "#" + seat));
                switch (outcome) {
                    case LockOutcome.Locked locked -> first = first == null ? locked : first;
                    case LockOutcome.SeatsTaken seatsTaken -> taken.addAll(seatsTaken.seatRefs());
                    case LockOutcome.Refused refused -> {
                        return refused;
                    }
                }
            }
            return taken.isEmpty() ? first : new LockOutcome.SeatsTaken(taken);
        }
    }

    /**
     * Checks that the seats are free, then claims them, with nothing holding the two together: the guard
     * of a real chain (a row lock, a synchronized block) removed. The gap is held open until a second
     * caller has checked too, as a slow chain under load would, so that racers reliably meet in it.
     */
    static final class UnguardedCheckThenClaim extends BrokenChain {
        private static final Duration GAP = Duration.ofSeconds(2);
        private final CountDownLatch secondCaller = new CountDownLatch(2);

        @Override
        public LockOutcome lockSeats(SeatLockRequest request) {
            SeatAvailability seats = chain.readSeats(request.showRef());
            Set<String> taken = new HashSet<>(seats.heldSeats());
            taken.addAll(seats.soldSeats());
            List<String> requestedTaken = request.seatRefs().stream().filter(taken::contains).toList();
            if (!requestedTaken.isEmpty()) {
                return new LockOutcome.SeatsTaken(requestedTaken);
            }
            secondCaller.countDown();
            try {
                secondCaller.await(GAP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return chain.claimUnchecked(request);
        }
    }

    /**
     * Issues new ticket ids when a confirmation is repeated, as a chain that re-tickets a booking would:
     * the gateway would hand out tickets the chain no longer honours.
     */
    static final class TicketsReissuedOnRepeat extends BrokenChain {
        @Override
        public ConfirmOutcome confirm(ConfirmRequest request) {
            return switch (chain.confirm(request)) {
                case ConfirmOutcome.AlreadyConfirmed again -> new ConfirmOutcome.AlreadyConfirmed(again.bookingRef(),
                        again.tickets().stream().map(ticket -> new TheatreTicket(ticket.seatRef(), "re-" + ticket.ticketRef())).toList());
                case ConfirmOutcome other -> other;
            };
        }
    }

    /**
     * Forgets a lock once it is confirmed, so a repeated confirmation looks like an expired lock: the
     * gateway would refund a booking the chain has sold.
     */
    static final class ConfirmedLockForgotten extends BrokenChain {
        @Override
        public ConfirmOutcome confirm(ConfirmRequest request) {
            ConfirmOutcome outcome = chain.confirm(request);
            return outcome instanceof ConfirmOutcome.AlreadyConfirmed ? new ConfirmOutcome.LockExpired() : outcome;
        }
    }

    /**
     * Built against version 2: it throws for a confirmed lock, as the adapters of that version did, and the
     * SPI's default {@code release} passes the exception on.
     */
    static final class ThrowsOnConfirmedRelease extends BrokenChain {
        @Override
        public ReleaseOutcome release(String lockRef) {
            if (chain.release(lockRef) instanceof ReleaseOutcome.AlreadyConfirmed) {
                throw new IllegalStateException("lock " + lockRef + " was confirmed and cannot be released");
            }
            return new ReleaseOutcome.Released();
        }
    }

    /** Answers Released whatever became of the lock: the gateway would believe seats free that the chain has sold. */
    static final class ConfirmedLockReportedReleased extends BrokenChain {
        @Override
        public ReleaseOutcome release(String lockRef) {
            chain.release(lockRef);
            return new ReleaseOutcome.Released();
        }
    }

    /** Answers rightly for a confirmed lock but frees its seats all the same: a sold booking loses them. */
    static final class ConfirmedLockFreedAnyway extends BrokenChain {
        @Override
        public ReleaseOutcome release(String lockRef) {
            ReleaseOutcome outcome = chain.release(lockRef);
            chain.freeUnchecked(lockRef);
            return outcome;
        }
    }

    /** Never reports a seat as held or sold. */
    static final class BlindSeatMap extends BrokenChain {
        @Override
        public SeatAvailability readSeats(String showRef) {
            return new SeatAvailability(showRef, Set.of(), Set.of(), Instant.now());
        }
    }

    /** Keeps every lock for an hour whatever TTL it was asked for: seats of an abandoned hold never come free. */
    static final class LocksNeverExpire extends BrokenChain {
        @Override
        public LockOutcome lockSeats(SeatLockRequest request) {
            return chain.lockSeats(new SeatLockRequest(request.showRef(), request.seatRefs(), Duration.ofHours(1), request.reference()));
        }

        /** The kit waits this long past the TTL for the seats to come free; the defect shows without a long wait. */
        @Override
        public Duration expiryGrace() {
            return Duration.ofMillis(500);
        }
    }

    /** Answers a release as done but frees nothing: released seats stay locked until the lock expires. */
    static final class ReleaseFreesNothing extends BrokenChain {
        @Override
        public ReleaseOutcome release(String lockRef) {
            return new ReleaseOutcome.Released();
        }
    }

    /** Answers a cancellation as done but keeps the seats sold: they can never be sold again. */
    static final class CancelKeepsSeatsSold extends BrokenChain {
        @Override
        public CancelOutcome cancelBooking(String bookingRef) {
            return new CancelOutcome.Cancelled();
        }
    }

    /** Refuses to cancel a booking cancelled before, so a repeated cancellation (its answer lost) looks like a refusal. */
    static final class SecondCancelRefused extends BrokenChain {
        private final Set<String> cancelled = new HashSet<>();

        @Override
        public synchronized CancelOutcome cancelBooking(String bookingRef) {
            if (!cancelled.add(bookingRef)) {
                return new CancelOutcome.NotCancellable("booking " + bookingRef + " is cancelled already");
            }
            return chain.cancelBooking(bookingRef);
        }
    }

    /** Answers "cancelled" for a booking it does not know, so the gateway would refund a booking it never had. */
    static final class CancelsUnknownBookings extends BrokenChain {
        @Override
        public CancelOutcome cancelBooking(String bookingRef) {
            chain.cancelBooking(bookingRef);
            return new CancelOutcome.Cancelled();
        }
    }

    /** Reads from a cursor as if nothing changed: shows added, moved or cancelled at the chain never reach the gateway. */
    static final class ChangesNeverRead extends BrokenChain {
        @Override
        public CatalogChanges readCatalog(CatalogCursor since) {
            if (since.isStart()) {
                return chain.readCatalog(since);
            }
            return new CatalogChanges(false, List.of(), List.of(), List.of(), List.of(), List.of(), since);
        }
    }

    /** Lists cinemas in cities it does not list: the gateway could not place them. */
    static final class CitiesLeftOut extends BrokenChain {
        @Override
        public CatalogChanges readCatalog(CatalogCursor since) {
            CatalogChanges changes = chain.readCatalog(since);
            return new CatalogChanges(changes.complete(), List.of(), changes.cinemas(), changes.halls(), changes.movies(),
                    changes.shows(), changes.next());
        }
    }

    /** Forgets a lock once it is confirmed: a confirmation whose answer was lost looks as if it never happened. */
    static final class ConfirmedLockForgottenByLookup extends BrokenChain {
        @Override
        public LockLookup findLock(String showRef, String reference) {
            LockLookup answer = chain.findLock(showRef, reference);
            return answer instanceof LockLookup.Confirmed ? new LockLookup.Gone() : answer;
        }
    }

    /** Remembers every lock it made as held: released and expired locks still look as if they held their seats. */
    static final class EndedLocksStillHeld extends BrokenChain {
        private final Map<String, LockLookup.Held> made = new ConcurrentHashMap<>();

        @Override
        public LockOutcome lockSeats(SeatLockRequest request) {
            LockOutcome outcome = chain.lockSeats(request);
            if (outcome instanceof LockOutcome.Locked locked) {
                made.put(request.showRef() + " " + request.reference(),
                        new LockLookup.Held(locked.lockRef(), request.seatRefs(), locked.expiresAt()));
            }
            return outcome;
        }

        @Override
        public LockLookup findLock(String showRef, String reference) {
            LockLookup answer = chain.findLock(showRef, reference);
            LockLookup.Held remembered = made.get(showRef + " " + reference);
            return answer instanceof LockLookup.Gone && remembered != null ? remembered : answer;
        }
    }

    /** Answers the show's latest lock whatever the reference asked for. */
    static final class LockLookupIgnoresTheReference extends BrokenChain {
        private final Map<String, String> latestReference = new ConcurrentHashMap<>();

        @Override
        public LockOutcome lockSeats(SeatLockRequest request) {
            LockOutcome outcome = chain.lockSeats(request);
            if (outcome instanceof LockOutcome.Locked) {
                latestReference.put(request.showRef(), request.reference());
            }
            return outcome;
        }

        @Override
        public LockLookup findLock(String showRef, String reference) {
            return chain.findLock(showRef, latestReference.getOrDefault(showRef, reference));
        }
    }

    /** Answers a booking looked up with ticket ids of its own making, so the gateway would hand out tickets the chain never issued. */
    static final class BookingLookupReissuesTickets extends BrokenChain {
        @Override
        public BookingLookup findBooking(String reference) {
            if (chain.findBooking(reference) instanceof BookingLookup.Booked booked) {
                return new BookingLookup.Booked(booked.bookingRef(), booked.tickets().stream()
                        .map(ticket -> new TheatreTicket(ticket.seatRef(), ticket.ticketRef() + "-again")).toList());
            }
            return chain.findBooking(reference);
        }
    }

    /** Still answers a cancelled booking as booked, so the gateway would keep a booking whose seats are free. */
    static final class CancelledBookingStillBooked extends BrokenChain {
        private final Map<String, ConfirmOutcome.Confirmed> confirmed = new ConcurrentHashMap<>();

        @Override
        public ConfirmOutcome confirm(ConfirmRequest request) {
            ConfirmOutcome outcome = chain.confirm(request);
            if (outcome instanceof ConfirmOutcome.Confirmed booked) {
                confirmed.put(request.reference(), booked);
            }
            return outcome;
        }

        @Override
        public BookingLookup findBooking(String reference) {
            BookingLookup answer = chain.findBooking(reference);
            ConfirmOutcome.Confirmed booked = confirmed.get(reference);
            return answer instanceof BookingLookup.Cancelled && booked != null
                    ? new BookingLookup.Booked(booked.bookingRef(), booked.tickets())
                    : answer;
        }
    }

    /** Answers the latest booking whatever the reference asked for. */
    static final class BookingLookupIgnoresTheReference extends BrokenChain {
        private volatile String latestReference;

        @Override
        public ConfirmOutcome confirm(ConfirmRequest request) {
            ConfirmOutcome outcome = chain.confirm(request);
            if (outcome instanceof ConfirmOutcome.Confirmed) {
                latestReference = request.reference();
            }
            return outcome;
        }

        @Override
        public BookingLookup findBooking(String reference) {
            String latest = latestReference;
            return chain.findBooking(latest == null ? reference : latest);
        }
    }

    /** Looks nothing up, as an adapter built against version 3 (the SPI's defaults). */
    static final class LookupsUnsupported extends BrokenChain {
        @Override
        public LockLookup findLock(String showRef, String reference) {
            return new LockLookup.Unsupported();
        }

        @Override
        public BookingLookup findBooking(String reference) {
            return new BookingLookup.Unsupported();
        }
    }
}
