package dev.marquee.contracts.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.Cinema;
import dev.marquee.spi.City;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.Hall;
import dev.marquee.spi.LockLookup;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.Movie;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.SeatPrice;
import dev.marquee.spi.Show;
import dev.marquee.spi.ShowStatus;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreTicket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link TheatreAdapter} must do, whatever it talks to. An adapter's test class extends this,
 * gives the adapter under test and a {@link ChainControl} over the chain behind it, and inherits these
 * tests (as micronaut-data's TCK does for its dialects).
 *
 * <p>Tests find movies and halls through the adapter's own {@link TheatreAdapter#readCatalog} and each
 * works on a show it adds at the chain for itself, so they run in any order and leave each other alone.
 * The chain is expected to hold a catalogue with at least one hall of six seats or more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TheatreAdapterConformance {
    private static final Duration LOCK_TTL = Duration.ofMinutes(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int MIN_SEATS = 6;

    private final AtomicInteger showsAdded = new AtomicInteger();
    /** Far beyond a generated catalogue's days, so added shows meet no listed ones; a random day per run. */
    private final Instant firstAddedShow = Instant.now().truncatedTo(ChronoUnit.HOURS)
            .plus(Duration.ofDays(60 + (long) (Math.random() * 200)));
    private CatalogChanges catalogue;
    private CatalogCursor latestCursor;

    /** The adapter under test, connected to the chain {@link #chain()} controls. */
    protected abstract TheatreAdapter adapter();

    /** Changes the chain behind {@link #adapter()}. */
    protected abstract ChainControl chain();

    // ---- catalogue ----

    @Test
    void fullCatalogueIsCompleteAndConsistent() {
        CatalogChanges all = catalogue();

        assertTrue(all.complete(), "a read from the start is the whole catalogue (complete)");
        assertFalse(all.shows().isEmpty(), "the chain lists shows");
        assertFalse(all.next().isStart(), "a read returns a cursor to continue from");
        Map<String, City> cities = byRef(all.cities(), City::ref, "city");
        Map<String, Cinema> cinemas = byRef(all.cinemas(), Cinema::ref, "cinema");
        Map<String, Hall> halls = byRef(all.halls(), Hall::ref, "hall");
        Map<String, Movie> movies = byRef(all.movies(), Movie::ref, "movie");
        byRef(all.shows(), Show::ref, "show");
        for (Cinema cinema : cinemas.values()) {
            assertTrue(cities.containsKey(cinema.cityRef()), () -> "cinema " + cinema.ref() + " is in unlisted city " + cinema.cityRef());
        }
        for (Hall hall : halls.values()) {
            assertTrue(cinemas.containsKey(hall.cinemaRef()), () -> "hall " + hall.ref() + " is in unlisted cinema " + hall.cinemaRef());
            assertTrue(hall.layout().capacity() > 0, () -> "hall " + hall.ref() + " has seats");
            assertEquals(hall.layout().capacity(), hall.layout().seats().stream().map(Seat::ref).distinct().count(),
                    () -> "hall " + hall.ref() + " has each seat once");
        }
        for (Show show : all.shows()) {
            assertTrue(movies.containsKey(show.movieRef()), () -> "show " + show.ref() + " shows unlisted movie " + show.movieRef());
            Hall hall = halls.get(show.hallRef());
            assertNotNull(hall, () -> "show " + show.ref() + " is in unlisted hall " + show.hallRef());
            assertTrue(show.seatsAvailable() <= hall.layout().capacity(),
                    () -> "show " + show.ref() + " has more seats available than its hall has seats");
            Set<String> priced = show.prices().stream().map(SeatPrice::category).collect(Collectors.toSet());
            Set<String> categories = hall.layout().seats().stream().map(Seat::category).collect(Collectors.toSet());
            assertTrue(priced.containsAll(categories),
                    () -> "show " + show.ref() + " prices " + priced + " but its hall has seats of " + categories);
        }
    }

    @Test
    void aShowAddedAtTheChainAppearsInTheNextRead() {
        CatalogCursor cursor = readUpToNow();
        Hall hall = someHall(0);
        Movie movie = catalogue().movies().getFirst();
        Instant startsAt = nextFreeStart();

        String showRef = chain().addShow(movie.ref(), hall.ref(), startsAt);

        Show added = showIn(adapter().readCatalog(cursor), showRef);
        assertEquals(movie.ref(), added.movieRef());
        assertEquals(hall.ref(), added.hallRef());
        assertEquals(startsAt, added.startsAt());
        assertEquals(ShowStatus.SCHEDULED, added.status());
        assertEquals(hall.layout().capacity(), added.seatsAvailable(), "a new show has every seat available");
    }

    @Test
    void aMovedShowAppearsWithItsNewStartInTheNextRead() {
        FreshShow show = freshShow();
        CatalogCursor cursor = readUpToNow();
        Instant later = nextFreeStart();

        chain().moveShow(show.ref(), later);

        Show moved = showIn(adapter().readCatalog(cursor), show.ref());
        assertEquals(later, moved.startsAt());
        assertTrue(moved.endsAt().isAfter(later));
    }

    @Test
    void aCancelledShowAppearsAsCancelledInTheNextRead() {
        FreshShow show = freshShow();
        CatalogCursor cursor = readUpToNow();

        chain().cancelShow(show.ref());

        assertEquals(ShowStatus.CANCELLED, showIn(adapter().readCatalog(cursor), show.ref()).status());
    }

    // ---- seats and locks ----

    @Test
    void aNewShowHasNoSeatsTaken() {
        FreshShow show = freshShow();

        SeatAvailability seats = adapter().readSeats(show.ref());

        assertEquals(show.ref(), seats.showRef());
        assertTrue(seats.heldSeats().isEmpty() && seats.soldSeats().isEmpty(), () -> "taken: " + seats);
    }

    @Test
    void seatAvailabilityReflectsABoxOfficeSale() {
        FreshShow show = freshShow();

        chain().sell(show.ref(), show.seats(0, 2));

        SeatAvailability seats = adapter().readSeats(show.ref());
        assertEquals(Set.copyOf(show.seats(0, 2)), seats.soldSeats());
        assertTrue(seats.heldSeats().isEmpty());
    }

    @Test
    void lockHoldsExactlyTheRequestedSeats() {
        FreshShow show = freshShow();
        Instant before = Instant.now();

        LockOutcome.Locked locked = locked(lock(show, show.seats(0, 2)));

        assertTrue(locked.expiresAt().isAfter(before), "a lock expires in the future");
        assertTrue(locked.expiresAt().isBefore(before.plus(LOCK_TTL).plus(chain().expiryGrace())),
                () -> "a lock asked for " + LOCK_TTL + " expires within it, not at " + locked.expiresAt());
        SeatAvailability seats = adapter().readSeats(show.ref());
        assertEquals(Set.copyOf(show.seats(0, 2)), seats.heldSeats());
        assertTrue(seats.soldSeats().isEmpty());
    }

    @Test
    void lockIsAllOrNothing() {
        FreshShow show = freshShow();
        locked(lock(show, show.seats(0, 1)));

        LockOutcome outcome = lock(show, show.seats(0, 3));

        assertInstanceOf(LockOutcome.SeatsTaken.class, outcome);
        assertEquals(Set.of(show.seat(0)), adapter().readSeats(show.ref()).heldSeats(),
                "the seats that were free are still free");
    }

    @Test
    void lockReportsExactlyTheTakenSeats() {
        FreshShow show = freshShow();
        locked(lock(show, List.of(show.seat(0))));
        chain().sell(show.ref(), List.of(show.seat(2)));

        LockOutcome outcome = lock(show, show.seats(0, 4));

        LockOutcome.SeatsTaken taken = assertInstanceOf(LockOutcome.SeatsTaken.class, outcome);
        assertEquals(Set.of(show.seat(0), show.seat(2)), Set.copyOf(taken.seatRefs()));
        assertEquals(2, taken.seatRefs().size(), () -> "each taken seat once: " + taken.seatRefs());
    }

    @Test
    void repeatingALockReferenceReturnsTheSameLock() {
        FreshShow show = freshShow();
        SeatLockRequest request = new SeatLockRequest(show.ref(), show.seats(0, 2), LOCK_TTL, reference("lock"));

        LockOutcome.Locked first = locked(adapter().lockSeats(request));
        LockOutcome.Locked again = locked(adapter().lockSeats(request));

        assertEquals(first.lockRef(), again.lockRef());
        assertEquals(Set.copyOf(show.seats(0, 2)), adapter().readSeats(show.ref()).heldSeats());
    }

    @Test
    void racingLocksOnTheSameSeatHaveOneWinner() throws Exception {
        FreshShow show = freshShow();
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<LockOutcome>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            attempts.add(() -> {
                start.await();
                return lock(show, show.seats(0, 2));
            });
        }
        List<LockOutcome> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(racers)) {
            List<Future<LockOutcome>> futures = attempts.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<LockOutcome> future : futures) {
                outcomes.add(future.get());
            }
        }

        assertEquals(1, outcomes.stream().filter(LockOutcome.Locked.class::isInstance).count(), () -> "outcomes: " + outcomes);
        assertTrue(outcomes.stream().allMatch(o -> o instanceof LockOutcome.Locked || o instanceof LockOutcome.SeatsTaken),
                () -> "outcomes: " + outcomes);
    }

    @Test
    void aCancelledShowRefusesLocks() {
        FreshShow show = freshShow();
        chain().cancelShow(show.ref());

        assertInstanceOf(LockOutcome.Refused.class, lock(show, show.seats(0, 1)));
    }

    @Test
    void aSeatNotInTheHallIsRefused() {
        FreshShow show = freshShow();

        LockOutcome outcome = lock(show, List.of(show.seat(0), "no-such-seat-" + UUID.randomUUID()));

        assertInstanceOf(LockOutcome.Refused.class, outcome);
        assertTrue(adapter().readSeats(show.ref()).heldSeats().isEmpty(), "nothing was locked");
    }

    @Test
    void anExpiredLockFreesItsSeats() {
        FreshShow show = freshShow();
        Duration ttl = chain().shortLockTtl();
        LockOutcome.Locked locked = locked(adapter().lockSeats(
                new SeatLockRequest(show.ref(), show.seats(0, 2), ttl, reference("lock"))));
        assertEquals(Set.copyOf(show.seats(0, 2)), adapter().readSeats(show.ref()).heldSeats(), "held until it expires");

        awaitUntil(ttl.plus(chain().expiryGrace()), () -> adapter().readSeats(show.ref()).heldSeats().isEmpty(),
                "the seats of a lock with TTL " + ttl + " come free");

        assertFalse(Instant.now().isBefore(locked.expiresAt().minusSeconds(1)), "seats stay held until the lock expires");
        assertEquals(new ReleaseOutcome.Released(), adapter().release(locked.lockRef()), "an expired lock is released already");
    }

    @Test
    void releaseFreesTheSeatsAndReleasingTwiceIsHarmless() {
        FreshShow show = freshShow();
        LockOutcome.Locked locked = locked(lock(show, show.seats(0, 2)));

        assertEquals(new ReleaseOutcome.Released(), adapter().release(locked.lockRef()));
        assertEquals(new ReleaseOutcome.Released(), adapter().release(locked.lockRef()), "a second release is harmless");

        assertTrue(adapter().readSeats(show.ref()).heldSeats().isEmpty());
        locked(lock(show, show.seats(0, 2)));
    }

    @Test
    void releasingALockTheChainDoesNotKnowAnswersReleased() {
        assertEquals(new ReleaseOutcome.Released(), adapter().release("no-such-lock-" + UUID.randomUUID()));
    }

    @Test
    void releaseOfAConfirmedLockFreesNothing() {
        FreshShow show = freshShow();
        List<String> seats = show.seats(0, 2);
        LockOutcome.Locked locked = locked(lock(show, seats));
        assertInstanceOf(ConfirmOutcome.Confirmed.class, adapter().confirm(new ConfirmRequest(locked.lockRef(), reference("booking"))));

        ReleaseOutcome outcome = assertDoesNotThrow(() -> adapter().release(locked.lockRef()),
                "releasing a confirmed lock is answered, not thrown");

        assertEquals(new ReleaseOutcome.AlreadyConfirmed(), outcome, "a confirmed lock is a booking, not released");
        SeatAvailability after = adapter().readSeats(show.ref());
        assertEquals(Set.copyOf(seats), after.soldSeats(), "the booking keeps its seats");
        assertInstanceOf(LockOutcome.SeatsTaken.class, lock(show, seats), "the booking's seats cannot be locked again");
    }

    // ---- bookings ----

    @Test
    void confirmGivesOneTicketPerSeatWithDistinctIds() {
        FreshShow show = freshShow();
        List<String> seats = show.seats(0, 3);
        LockOutcome.Locked locked = locked(lock(show, seats));

        ConfirmOutcome.Confirmed confirmed = assertInstanceOf(ConfirmOutcome.Confirmed.class,
                adapter().confirm(new ConfirmRequest(locked.lockRef(), reference("booking"))));

        assertEquals(Set.copyOf(seats), confirmed.tickets().stream().map(TheatreTicket::seatRef).collect(Collectors.toSet()));
        assertEquals(seats.size(), confirmed.tickets().size(), "one ticket per seat");
        assertEquals(seats.size(), confirmed.tickets().stream().map(TheatreTicket::ticketRef).distinct().count(), "distinct ticket ids");
        SeatAvailability after = adapter().readSeats(show.ref());
        assertEquals(Set.copyOf(seats), after.soldSeats(), "confirmed seats are sold");
        assertTrue(after.heldSeats().isEmpty(), "and no longer held");
    }

    /** The gateway's retry after it lost the answer to a confirmation: it must get everything the first answer had. */
    @Test
    void confirmingTwiceWithTheSameReferenceReportsTheFirstBookingAndItsTickets() {
        FreshShow show = freshShow();
        List<String> seats = show.seats(0, 3);
        LockOutcome.Locked locked = locked(lock(show, seats));
        ConfirmRequest request = new ConfirmRequest(locked.lockRef(), reference("booking"));
        ConfirmOutcome.Confirmed first = assertInstanceOf(ConfirmOutcome.Confirmed.class, adapter().confirm(request));

        ConfirmOutcome outcome = adapter().confirm(request);

        ConfirmOutcome.AlreadyConfirmed again = assertInstanceOf(ConfirmOutcome.AlreadyConfirmed.class, outcome,
                () -> "a repeated confirmation answers AlreadyConfirmed, not " + outcome);
        assertEquals(first.bookingRef(), again.bookingRef(), "the booking the first confirmation made");
        assertEquals(Set.copyOf(first.tickets()), Set.copyOf(again.tickets()),
                "the same tickets (seats and ticket ids) as the first confirmation");
        assertEquals(first.tickets().size(), again.tickets().size(), () -> "each ticket once: " + again.tickets());
        assertEquals(Set.copyOf(seats), adapter().readSeats(show.ref()).soldSeats(), "nothing more was sold");
    }

    @Test
    void confirmingAnExpiredLockBooksNothing() {
        FreshShow show = freshShow();
        Duration ttl = chain().shortLockTtl();
        LockOutcome.Locked locked = locked(adapter().lockSeats(
                new SeatLockRequest(show.ref(), show.seats(0, 1), ttl, reference("lock"))));
        awaitUntil(ttl.plus(chain().expiryGrace()), () -> adapter().readSeats(show.ref()).heldSeats().isEmpty(),
                "the lock expires");

        ConfirmOutcome outcome = adapter().confirm(new ConfirmRequest(locked.lockRef(), reference("booking")));

        assertEquals(new ConfirmOutcome.LockExpired(), outcome);
        assertTrue(adapter().readSeats(show.ref()).soldSeats().isEmpty(), "nothing was sold");
    }

    @Test
    void confirmingAReleasedLockBooksNothing() {
        FreshShow show = freshShow();
        LockOutcome.Locked locked = locked(lock(show, show.seats(0, 1)));
        adapter().release(locked.lockRef());

        assertEquals(new ConfirmOutcome.LockExpired(), adapter().confirm(new ConfirmRequest(locked.lockRef(), reference("booking"))));
    }

    @Test
    void cancellingABookingFreesItsSeats() {
        FreshShow show = freshShow();
        String bookingRef = book(show, show.seats(0, 2));

        assertEquals(new CancelOutcome.Cancelled(), adapter().cancelBooking(bookingRef));

        SeatAvailability seats = adapter().readSeats(show.ref());
        assertTrue(seats.soldSeats().isEmpty() && seats.heldSeats().isEmpty(), () -> "taken after cancelling: " + seats);
        locked(lock(show, show.seats(0, 2)));
    }

    @Test
    void cancellingTwiceIsHarmless() {
        FreshShow show = freshShow();
        String bookingRef = book(show, show.seats(0, 1));
        adapter().cancelBooking(bookingRef);

        assertEquals(new CancelOutcome.Cancelled(), adapter().cancelBooking(bookingRef));
    }

    @Test
    void anUnknownBookingIsNotCancellable() {
        assertInstanceOf(CancelOutcome.NotCancellable.class, adapter().cancelBooking("no-such-booking-" + UUID.randomUUID()));
    }

    // ---- lookups by reference: how the gateway settles a call whose outcome it does not know ----

    @Test
    void aLockIsFoundByItsReferenceWhileHeld() {
        FreshShow show = freshShow();
        String reference = reference("lock");
        LockOutcome.Locked locked = locked(adapter().lockSeats(new SeatLockRequest(show.ref(), show.seats(0, 2), LOCK_TTL, reference)));

        LockLookup.Held held = assertInstanceOf(LockLookup.Held.class, findLock(show.ref(), reference),
                "a live lock is found held");

        assertEquals(locked.lockRef(), held.lockRef(), "the lock the request made");
        assertEquals(Set.copyOf(show.seats(0, 2)), Set.copyOf(held.seatRefs()), "holding the requested seats");
        assertTrue(Duration.between(locked.expiresAt(), held.expiresAt()).abs().compareTo(Duration.ofSeconds(1)) <= 0,
                () -> "expiring when the lock said, " + locked.expiresAt() + ", not " + held.expiresAt());
    }

    /** A confirmation whose answer was lost: the lookup must give the gateway everything the answer had. */
    @Test
    void aConfirmedLockIsFoundWithTheConfirmationsBookingAndTickets() {
        FreshShow show = freshShow();
        String reference = reference("lock");
        LockOutcome.Locked locked = locked(adapter().lockSeats(new SeatLockRequest(show.ref(), show.seats(0, 3), LOCK_TTL, reference)));
        ConfirmOutcome.Confirmed confirmed = assertInstanceOf(ConfirmOutcome.Confirmed.class,
                adapter().confirm(new ConfirmRequest(locked.lockRef(), reference("booking"))));

        LockLookup answer = findLock(show.ref(), reference);

        LockLookup.Confirmed found = assertInstanceOf(LockLookup.Confirmed.class, answer,
                () -> "a confirmed lock is found confirmed, not " + answer);
        assertEquals(locked.lockRef(), found.lockRef());
        assertEquals(confirmed.bookingRef(), found.bookingRef(), "the booking the confirmation made");
        assertEquals(Set.copyOf(confirmed.tickets()), Set.copyOf(found.tickets()), "the confirmation's tickets (seats and ticket ids)");
        assertEquals(confirmed.tickets().size(), found.tickets().size(), () -> "each ticket once: " + found.tickets());
    }

    @Test
    void aReleasedLockIsGone() {
        FreshShow show = freshShow();
        String reference = reference("lock");
        LockOutcome.Locked locked = locked(adapter().lockSeats(new SeatLockRequest(show.ref(), show.seats(0, 2), LOCK_TTL, reference)));
        assertEquals(new ReleaseOutcome.Released(), adapter().release(locked.lockRef()));

        assertEquals(new LockLookup.Gone(), findLock(show.ref(), reference), "a released lock holds nothing");
    }

    @Test
    void anExpiredLockIsGone() {
        FreshShow show = freshShow();
        String reference = reference("lock");
        Duration ttl = chain().shortLockTtl();
        locked(adapter().lockSeats(new SeatLockRequest(show.ref(), show.seats(0, 1), ttl, reference)));
        assertInstanceOf(LockLookup.Held.class, findLock(show.ref(), reference), "held until it expires");

        awaitUntil(ttl.plus(chain().expiryGrace()), () -> adapter().readSeats(show.ref()).heldSeats().isEmpty(), "the lock expires");

        assertEquals(new LockLookup.Gone(), findLock(show.ref(), reference), "an expired lock holds nothing");
    }

    @Test
    void aReferenceTheShowNeverSawIsGone() {
        FreshShow show = freshShow();
        locked(lock(show, show.seats(0, 2)));

        assertEquals(new LockLookup.Gone(), findLock(show.ref(), reference("lock")),
                "another reference's lock is not this reference's");
    }

    @Test
    void aBookingIsFoundByItsReferenceWithItsTickets() {
        FreshShow show = freshShow();
        LockOutcome.Locked locked = locked(lock(show, show.seats(0, 2)));
        String reference = reference("booking");
        ConfirmOutcome.Confirmed confirmed = assertInstanceOf(ConfirmOutcome.Confirmed.class,
                adapter().confirm(new ConfirmRequest(locked.lockRef(), reference)));

        BookingLookup answer = findBooking(reference);

        BookingLookup.Booked booked = assertInstanceOf(BookingLookup.Booked.class, answer,
                () -> "a confirmed booking is found booked, not " + answer);
        assertEquals(confirmed.bookingRef(), booked.bookingRef());
        assertEquals(Set.copyOf(confirmed.tickets()), Set.copyOf(booked.tickets()), "the confirmation's tickets (seats and ticket ids)");
        assertEquals(confirmed.tickets().size(), booked.tickets().size(), () -> "each ticket once: " + booked.tickets());
    }

    @Test
    void aCancelledBookingIsFoundCancelled() {
        FreshShow show = freshShow();
        LockOutcome.Locked locked = locked(lock(show, show.seats(0, 2)));
        String reference = reference("booking");
        String bookingRef = assertInstanceOf(ConfirmOutcome.Confirmed.class,
                adapter().confirm(new ConfirmRequest(locked.lockRef(), reference))).bookingRef();
        assertEquals(new CancelOutcome.Cancelled(), adapter().cancelBooking(bookingRef));

        assertEquals(new BookingLookup.Cancelled(bookingRef), findBooking(reference), "its seats are free again");
    }

    @Test
    void aReferenceNoConfirmationUsedFindsNoBooking() {
        FreshShow show = freshShow();
        book(show, show.seats(0, 1));

        assertEquals(new BookingLookup.NotFound(), findBooking(reference("booking")),
                "another reference's booking is not this reference's");
    }

    // ---- helpers for the tests above and for subclasses' own tests ----

    /** A show this test alone uses, with a hall of at least six seats. */
    protected record FreshShow(String ref, Hall hall) {
        /** The seat at an index of the hall's layout (sorted by ref, so stable). */
        public String seat(int index) {
            return sortedSeats().get(index);
        }

        /** {@code count} seats from {@code from}. */
        public List<String> seats(int from, int count) {
            return sortedSeats().subList(from, from + count);
        }

        private List<String> sortedSeats() {
            return hall.layout().seats().stream().map(Seat::ref).sorted().toList();
        }
    }

    /** The full catalogue, read once per test class through the adapter. */
    protected final synchronized CatalogChanges catalogue() {
        if (catalogue == null) {
            catalogue = adapter().readCatalog(CatalogCursor.START);
            latestCursor = catalogue.next();
        }
        return catalogue;
    }

    /** Adds a show at the chain in one of the catalogue's halls, at a time no other added show uses. */
    protected final FreshShow freshShow() {
        int n = showsAdded.get();
        Hall hall = someHall(n);
        Movie movie = catalogue().movies().get(n % catalogue().movies().size());
        String ref = chain().addShow(movie.ref(), hall.ref(), nextFreeStart());
        return new FreshShow(ref, hall);
    }

    /** Reads changes up to now and returns the cursor to read later changes from. */
    protected final synchronized CatalogCursor readUpToNow() {
        catalogue();
        latestCursor = adapter().readCatalog(latestCursor).next();
        return latestCursor;
    }

    /** A unique reference for a lock or booking. */
    protected static String reference(String kind) {
        return "conformance-" + kind + "-" + UUID.randomUUID();
    }

    /** Polls until a condition holds, failing after the timeout: a bounded wait, not a blind sleep. */
    protected static void awaitUntil(Duration timeout, Supplier<Boolean> condition, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                fail("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting until " + what);
            }
        }
    }

    private Instant nextFreeStart() {
        // Six hours apart: no two added shows overlap, whatever the movie's length.
        return firstAddedShow.plus(Duration.ofHours(6L * showsAdded.getAndIncrement()));
    }

    private Hall someHall(int n) {
        List<Hall> halls = catalogue().halls().stream()
                .filter(hall -> hall.layout().capacity() >= MIN_SEATS)
                .sorted(Comparator.comparing(Hall::ref))
                .toList();
        if (halls.isEmpty()) {
            fail("the chain has no hall with " + MIN_SEATS + " seats or more");
        }
        return halls.get(n % halls.size());
    }

    /**
     * Whether the adapter under test promises the lookups of SPI 4. One that does fails the lookup tests when it
     * answers {@code Unsupported}; one that does not (built before SPI 4) has them skipped, aborted rather than
     * passed, since the SPI lets such an adapter load. Override to {@code true} once an adapter implements them.
     */
    protected boolean looksUpByReference() {
        return false;
    }

    private LockLookup findLock(String showRef, String reference) {
        LockLookup answer = adapter().findLock(showRef, reference);
        lookupAnswered(answer instanceof LockLookup.Unsupported, "locks");
        return answer;
    }

    private BookingLookup findBooking(String reference) {
        BookingLookup answer = adapter().findBooking(reference);
        lookupAnswered(answer instanceof BookingLookup.Unsupported, "bookings");
        return answer;
    }

    private void lookupAnswered(boolean unsupported, String what) {
        if (looksUpByReference()) {
            assertFalse(unsupported, () -> "the adapter promises lookups but does not look " + what + " up");
        } else {
            assumeFalse(unsupported, () -> "the adapter does not look " + what + " up");
        }
    }

    private LockOutcome lock(FreshShow show, List<String> seats) {
        return adapter().lockSeats(new SeatLockRequest(show.ref(), seats, LOCK_TTL, reference("lock")));
    }

    private String book(FreshShow show, List<String> seats) {
        LockOutcome.Locked locked = locked(lock(show, seats));
        return assertInstanceOf(ConfirmOutcome.Confirmed.class,
                adapter().confirm(new ConfirmRequest(locked.lockRef(), reference("booking")))).bookingRef();
    }

    private static LockOutcome.Locked locked(LockOutcome outcome) {
        return assertInstanceOf(LockOutcome.Locked.class, outcome, () -> "expected the seats locked, got " + outcome);
    }

    private static Show showIn(CatalogChanges changes, String showRef) {
        return changes.shows().stream().filter(show -> show.ref().equals(showRef)).reduce((a, b) -> b)
                .orElseGet(() -> fail("show " + showRef + " is not among the " + changes.shows().size() + " changed shows"));
    }

    private static <T> Map<String, T> byRef(List<T> things, Function<T, String> ref, String kind) {
        Map<String, T> byRef = new java.util.HashMap<>();
        Set<String> twice = new HashSet<>();
        for (T thing : things) {
            if (byRef.put(ref.apply(thing), thing) != null) {
                twice.add(ref.apply(thing));
            }
        }
        assertTrue(twice.isEmpty(), () -> "each " + kind + " is listed once, but not " + twice);
        return byRef;
    }
}
