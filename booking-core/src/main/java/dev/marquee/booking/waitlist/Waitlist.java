package dev.marquee.booking.waitlist;

import dev.marquee.booking.chains.Chains;
import dev.marquee.booking.holds.EmailAddresses;
import dev.marquee.booking.holds.HoldOutcome;
import dev.marquee.booking.holds.HoldRequest;
import dev.marquee.booking.holds.Holds;
import dev.marquee.booking.shows.BookableShow;
import dev.marquee.booking.shows.SeatsFreed;
import dev.marquee.booking.shows.Shows;
import dev.marquee.booking.tokens.Secrets;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The first-come-first-served waitlist of each show. When seats of a show come free, its waiting
 * entries are gone through strictly in join order: the first whose request fits the free seats gets a
 * hold made for it on them (side by side where possible) and becomes {@code OFFERED}; an entry that
 * does not fit keeps its place. An offer whose hold ends unused lapses and its seats pass on.
 */
public class Waitlist {
    private static final System.Logger LOG = System.getLogger(Waitlist.class.getName());

    private final WaitlistStore entries;
    private final Holds holds;
    private final Shows shows;
    private final Chains chains;
    private final Secrets secrets;
    private final Executor background;
    private final Clock clock;
    private final ConcurrentHashMap<String, ReentrantLock> serving = new ConcurrentHashMap<>();

    /**
     * @param background where a show's queue is served after seats came free, off the caller's thread
     */
    public Waitlist(WaitlistStore entries, Holds holds, Shows shows, Chains chains, Secrets secrets, Executor background,
            Clock clock) {
        this.entries = entries;
        this.holds = holds;
        this.shows = shows;
        this.chains = chains;
        this.secrets = secrets;
        this.background = background;
        this.clock = clock;
    }

    public JoinOutcome join(String showId, String email, Integer seatCount, String category) {
        if (!EmailAddresses.isValid(email)) {
            return new JoinOutcome.Invalid("email", "must be an email address");
        }
        int maxSeats = holds.rules().maxSeatsPerHold();
        if (seatCount == null || seatCount < 1 || seatCount > maxSeats) {
            return new JoinOutcome.Invalid("seatCount", "must be from 1 to " + maxSeats);
        }
        Optional<BookableShow> show = shows.show(showId);
        if (show.isEmpty()) {
            return new JoinOutcome.UnknownShow(showId);
        }
        if (!show.get().isOnSale(clock.instant())) {
            return new JoinOutcome.NotBookable("show " + showId + " is not on sale");
        }
        if (category != null && show.get().seats().stream().noneMatch(s -> s.category().equals(category))) {
            return new JoinOutcome.Invalid("category", "this show's hall has no '" + category + "' seats");
        }
        String id = secrets.newId("wl");
        String token = secrets.newToken();
        entries.add(id, showId, email.trim().toLowerCase(Locale.ROOT), seatCount, category, Tokens.hash(token), clock.instant());
        WaitlistEntry entry = entries.find(id).orElseThrow().entry();
        return new JoinOutcome.Joined(entry, entries.position(entry), token);
    }

    /** The entry, if the token is its own. */
    public Optional<WaitlistEntry> find(String id, String token) {
        return entries.find(id).filter(s -> Tokens.matches(token, s.tokenHash())).map(WaitlistStore.StoredEntry::entry);
    }

    /** Its place in the queue, 1 for the first; 0 once it is no longer waiting. */
    public int position(WaitlistEntry entry) {
        return entry.status() == WaitlistStatus.WAITING ? entries.position(entry) : 0;
    }

    /** Leaves the queue; an offer not yet checked out is released for the next in line. */
    public Optional<WaitlistEntry> leave(String id, String token) {
        Optional<WaitlistEntry> entry = find(id, token);
        entry.ifPresent(e -> {
            if (entries.move(e.id(), WaitlistStatus.WAITING, WaitlistStatus.CANCELLED, clock.instant())) {
                return;
            }
            if (e.status() == WaitlistStatus.OFFERED && entries.move(e.id(), WaitlistStatus.OFFERED, WaitlistStatus.CANCELLED,
                    clock.instant())) {
                holds.release(e.holdId(), e.holdToken());
            }
        });
        return entry.flatMap(e -> find(id, token));
    }

    /** Seats came free: an offer on them lapses, and the show's queue is served in the background. */
    public void seatsFreed(SeatsFreed event) {
        if (event.holdId() != null) {
            entries.offeredWith(event.holdId()).ifPresent(offered ->
                    entries.move(offered.id(), WaitlistStatus.OFFERED, WaitlistStatus.OFFER_LAPSED, clock.instant()));
        }
        background.execute(() -> serveQuietly(event.showId()));
    }

    /** Serves every show with someone waiting; catches seats freed at the chain without the gateway. */
    public void serveAll() {
        entries.showsWithWaiting().forEach(this::serveQuietly);
    }

    private void serveQuietly(String showId) {
        try {
            serve(showId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Serving the waitlist of show " + showId
                    + " failed; it is tried again when seats come free", e);
        }
    }

    /**
     * Goes through the show's queue in join order and offers free seats to each entry they fit.
     *
     * @return how many entries got an offer
     */
    public int serve(String showId) {
        ReentrantLock lock = serving.computeIfAbsent(showId, id -> new ReentrantLock());
        lock.lock();
        try {
            List<WaitlistEntry> waiting = entries.waiting(showId);
            if (waiting.isEmpty()) {
                return 0;
            }
            Optional<BookableShow> show = shows.show(showId).filter(s -> s.isOnSale(clock.instant()));
            if (show.isEmpty()) {
                return 0;
            }
            List<Seat> free = freeSeats(show.get());
            int offered = 0;
            for (WaitlistEntry entry : waiting) {
                if (offerTo(entry, free)) {
                    offered++;
                }
            }
            return offered;
        } finally {
            lock.unlock();
        }
    }

    private List<Seat> freeSeats(BookableShow show) {
        SeatAvailability taken = chains.require(show.chainId()).readSeats(show.ref());
        List<Seat> free = new ArrayList<>();
        for (Seat seat : show.seats()) {
            if (!taken.heldSeats().contains(seat.ref()) && !taken.soldSeats().contains(seat.ref())) {
                free.add(seat);
            }
        }
        return free;
    }

    /** Tries to hold seats for one entry; the seats it gets, or finds taken, leave {@code free}. */
    private boolean offerTo(WaitlistEntry entry, List<Seat> free) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<List<String>> seats = SeatPicker.pick(free, entry.seatCount(), entry.category());
            if (seats.isEmpty()) {
                return false;
            }
            String holdId = holds.newHoldId();
            HoldOutcome outcome = holds.place(holdId, new HoldRequest(entry.showId(), seats.get(), entry.email()));
            switch (outcome) {
                case HoldOutcome.Placed placed -> {
                    Set<String> gone = new HashSet<>(seats.get());
                    free.removeIf(s -> gone.contains(s.ref()));
                    if (!entries.offer(entry.id(), holdId, placed.token(), placed.hold().expiresAt(), clock.instant())) {
                        // The entry left the queue meanwhile: let the seats go again.
                        holds.release(holdId, placed.token());
                        return false;
                    }
                    LOG.log(System.Logger.Level.INFO, "Waitlist entry {0} of show {1} offered seats {2} (hold {3})", entry.id(),
                            entry.showId(), seats.get(), holdId);
                    return true;
                }
                case HoldOutcome.SeatsTaken taken -> {
                    Set<String> gone = new HashSet<>(taken.seatIds());
                    free.removeIf(s -> gone.contains(s.ref()));
                }
                default -> {
                    LOG.log(System.Logger.Level.DEBUG, "Waitlist entry {0} could not be offered seats: {1}", entry.id(), outcome);
                    return false;
                }
            }
        }
        return false;
    }
}
