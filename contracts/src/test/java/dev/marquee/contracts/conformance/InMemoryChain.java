package dev.marquee.contracts.conformance;

import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.Cinema;
import dev.marquee.spi.City;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.GeoPoint;
import dev.marquee.spi.Hall;
import dev.marquee.spi.LockLookup;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.Money;
import dev.marquee.spi.Movie;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLayout;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.SeatPrice;
import dev.marquee.spi.Show;
import dev.marquee.spi.ShowStatus;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreTicket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A correct chain in memory, both adapter and control: the kit must pass against it. Everything is
 * synchronized, which is the simplest way to be all-or-nothing.
 */
final class InMemoryChain implements TheatreAdapter, ChainControl {
    private final City city = new City("man", "Manchester", "GB", ZoneId.of("Europe/London"));
    private final Cinema cinema = new Cinema("c1", "man", "Deansgate", "1 Deansgate", new GeoPoint(53.48, -2.25));
    private final List<Hall> halls = List.of(hall("h1"), hall("h2"));
    private final List<Movie> movies = List.of(movie("m1"), movie("m2"));
    private final Map<String, Show> shows = new LinkedHashMap<>();
    private final Map<String, Long> showRevisions = new HashMap<>();
    private final Map<String, Lock> locks = new HashMap<>();
    private final Map<String, String> lockByReference = new HashMap<>();
    private final Map<String, Booking> bookings = new HashMap<>();
    private long revision;
    private int ids;

    private record Lock(String ref, String showRef, List<String> seats, Instant expiresAt, boolean released, String bookingRef) {
        boolean active() {
            return !released && bookingRef == null && Instant.now().isBefore(expiresAt);
        }
    }

    /** {@code reference} is null for a box-office sale. */
    private record Booking(String ref, String showRef, String reference, List<TheatreTicket> tickets, boolean cancelled) {
        List<String> seats() {
            return tickets.stream().map(TheatreTicket::seatRef).toList();
        }
    }

    InMemoryChain() {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        addShow("m1", "h1", tomorrow);
        addShow("m2", "h2", tomorrow);
    }

    @Override
    public synchronized CatalogChanges readCatalog(CatalogCursor since) {
        long from = since.isStart() ? -1 : Long.parseLong(since.value());
        List<Show> changed = shows.values().stream().filter(show -> showRevisions.get(show.ref()) > from).toList();
        return new CatalogChanges(since.isStart(), List.of(city), List.of(cinema), halls, movies, changed,
                new CatalogCursor(Long.toString(revision)));
    }

    @Override
    public synchronized SeatAvailability readSeats(String showRef) {
        return new SeatAvailability(showRef, held(showRef), sold(showRef), Instant.now());
    }

    @Override
    public synchronized LockOutcome lockSeats(SeatLockRequest request) {
        String earlier = lockByReference.get(request.reference());
        if (earlier != null) {
            return new LockOutcome.Locked(earlier, locks.get(earlier).expiresAt());
        }
        Show show = shows.get(request.showRef());
        if (show == null || show.status() == ShowStatus.CANCELLED) {
            return new LockOutcome.Refused("no such show, or cancelled");
        }
        Set<String> inHall = hallOf(show).layout().seats().stream().map(Seat::ref).collect(java.util.stream.Collectors.toSet());
        if (!inHall.containsAll(request.seatRefs())) {
            return new LockOutcome.Refused("a seat is not in the hall");
        }
        Set<String> taken = new HashSet<>(held(show.ref()));
        taken.addAll(sold(show.ref()));
        List<String> takenRequested = request.seatRefs().stream().filter(taken::contains).toList();
        if (!takenRequested.isEmpty()) {
            return new LockOutcome.SeatsTaken(takenRequested);
        }
        return claimUnchecked(request);
    }

    /**
     * Records a lock without looking at who holds its seats. Only {@link #lockSeats} (after its checks) and
     * the deliberately broken chains of {@link KitControlRunTest} call it.
     */
    synchronized LockOutcome.Locked claimUnchecked(SeatLockRequest request) {
        Lock lock = new Lock("L" + ++ids, request.showRef(), request.seatRefs(), Instant.now().plus(request.ttl()), false, null);
        locks.put(lock.ref(), lock);
        lockByReference.put(request.reference(), lock.ref());
        return new LockOutcome.Locked(lock.ref(), lock.expiresAt());
    }

    @Override
    public synchronized ReleaseOutcome release(String lockRef) {
        Lock lock = locks.get(lockRef);
        if (lock != null && lock.bookingRef() != null) {
            return new ReleaseOutcome.AlreadyConfirmed();
        }
        if (lock != null) {
            locks.put(lockRef, new Lock(lock.ref(), lock.showRef(), lock.seats(), lock.expiresAt(), true, null));
        }
        return new ReleaseOutcome.Released();
    }

    @Override
    @Deprecated
    public void releaseLock(String lockRef) {
        if (release(lockRef) instanceof ReleaseOutcome.AlreadyConfirmed) {
            throw new IllegalStateException("lock " + lockRef + " was confirmed");
        }
    }

    /**
     * Frees a lock's seats whatever became of it, cancelling the booking it became. Only the deliberately
     * broken chains of {@link KitControlRunTest} call it.
     */
    synchronized void freeUnchecked(String lockRef) {
        Lock lock = locks.get(lockRef);
        if (lock == null) {
            return;
        }
        if (lock.bookingRef() != null) {
            Booking booking = bookings.get(lock.bookingRef());
            bookings.put(booking.ref(), new Booking(booking.ref(), booking.showRef(), booking.reference(), booking.tickets(), true));
        }
        locks.put(lockRef, new Lock(lock.ref(), lock.showRef(), lock.seats(), lock.expiresAt(), true, null));
    }

    @Override
    public synchronized ConfirmOutcome confirm(ConfirmRequest request) {
        Lock lock = locks.get(request.lockRef());
        if (lock != null && lock.bookingRef() != null) {
            return new ConfirmOutcome.AlreadyConfirmed(lock.bookingRef(), bookings.get(lock.bookingRef()).tickets());
        }
        if (lock == null || !lock.active()) {
            return new ConfirmOutcome.LockExpired();
        }
        Booking booking = new Booking("B" + ++ids, lock.showRef(), request.reference(), tickets(lock.seats()), false);
        bookings.put(booking.ref(), booking);
        locks.put(lock.ref(), new Lock(lock.ref(), lock.showRef(), lock.seats(), lock.expiresAt(), false, booking.ref()));
        return new ConfirmOutcome.Confirmed(booking.ref(), booking.tickets());
    }

    @Override
    public synchronized CancelOutcome cancelBooking(String bookingRef) {
        Booking booking = bookings.get(bookingRef);
        if (booking == null) {
            return new CancelOutcome.NotCancellable("no such booking");
        }
        bookings.put(bookingRef, new Booking(booking.ref(), booking.showRef(), booking.reference(), booking.tickets(), true));
        return new CancelOutcome.Cancelled();
    }

    @Override
    public synchronized LockLookup findLock(String showRef, String reference) {
        Lock lock = locks.get(lockByReference.get(reference));
        if (lock == null || !lock.showRef().equals(showRef)) {
            return new LockLookup.Gone();
        }
        if (lock.bookingRef() != null) {
            return new LockLookup.Confirmed(lock.ref(), lock.bookingRef(), bookings.get(lock.bookingRef()).tickets());
        }
        return lock.active() ? new LockLookup.Held(lock.ref(), lock.seats(), lock.expiresAt()) : new LockLookup.Gone();
    }

    @Override
    public synchronized BookingLookup findBooking(String reference) {
        List<Booking> found = bookings.values().stream().filter(b -> reference.equals(b.reference())).toList();
        return found.stream().filter(b -> !b.cancelled()).findFirst()
                .<BookingLookup>map(b -> new BookingLookup.Booked(b.ref(), b.tickets()))
                .or(() -> found.stream().findFirst().map(b -> new BookingLookup.Cancelled(b.ref())))
                .orElseGet(BookingLookup.NotFound::new);
    }

    @Override
    public synchronized String addShow(String movieRef, String hallRef, Instant startsAt) {
        String ref = "S" + ++ids;
        Hall hall = halls.stream().filter(h -> h.ref().equals(hallRef)).findFirst().orElseThrow();
        put(new Show(ref, movieRef, hallRef, startsAt, startsAt.plus(Duration.ofHours(2)), "2D", "en", ShowStatus.SCHEDULED,
                List.of(new SeatPrice("standard", Money.of("9.50", "GBP"))), hall.layout().capacity()));
        return ref;
    }

    @Override
    public synchronized void moveShow(String showRef, Instant startsAt) {
        Show s = shows.get(showRef);
        put(new Show(s.ref(), s.movieRef(), s.hallRef(), startsAt, startsAt.plus(Duration.ofHours(2)), s.format(), s.language(),
                s.status(), s.prices(), s.seatsAvailable()));
    }

    @Override
    public synchronized void cancelShow(String showRef) {
        Show s = shows.get(showRef);
        put(new Show(s.ref(), s.movieRef(), s.hallRef(), s.startsAt(), s.endsAt(), s.format(), s.language(),
                ShowStatus.CANCELLED, s.prices(), s.seatsAvailable()));
    }

    @Override
    public synchronized void sell(String showRef, List<String> seatRefs) {
        String ref = "B" + ++ids;
        bookings.put(ref, new Booking(ref, showRef, null, tickets(seatRefs), false));
    }

    private List<TheatreTicket> tickets(List<String> seatRefs) {
        return seatRefs.stream().map(seat -> new TheatreTicket(seat, "T" + ++ids)).toList();
    }

    private void put(Show show) {
        shows.put(show.ref(), show);
        showRevisions.put(show.ref(), ++revision);
    }

    private Hall hallOf(Show show) {
        return halls.stream().filter(h -> h.ref().equals(show.hallRef())).findFirst().orElseThrow();
    }

    private Set<String> held(String showRef) {
        Set<String> held = new HashSet<>();
        locks.values().stream().filter(l -> l.showRef().equals(showRef) && l.active()).forEach(l -> held.addAll(l.seats()));
        return held;
    }

    private Set<String> sold(String showRef) {
        Set<String> sold = new HashSet<>();
        bookings.values().stream().filter(b -> b.showRef().equals(showRef) && !b.cancelled()).forEach(b -> sold.addAll(b.seats()));
        return sold;
    }

    private static Hall hall(String ref) {
        List<Seat> seats = new ArrayList<>();
        IntStream.rangeClosed(1, 8).forEach(n -> seats.add(new Seat("A" + n, "A", n, n, 0, "standard")));
        return new Hall(ref, "c1", "Screen " + ref, new SeatLayout(seats));
    }

    private static Movie movie(String ref) {
        return new Movie(ref, "Movie " + ref, "", List.of(), Duration.ofMinutes(100), "PG", null, null, null);
    }
}
