package dev.marquee.gateway.waitlist;

import dev.marquee.gateway.booking.EmailAddresses;
import dev.marquee.gateway.booking.HoldOutcome;
import dev.marquee.gateway.booking.HoldRequest;
import dev.marquee.gateway.booking.HoldService;
import dev.marquee.gateway.booking.HoldSettings;
import dev.marquee.gateway.booking.HoldTokens;
import dev.marquee.gateway.booking.SeatsFreed;
import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-come-first-served waitlist of each show. When seats of a show come free, its waiting
 * entries are gone through strictly in join order: the first whose request fits the free seats gets a
 * hold made for it on them (side by side where possible) and becomes {@code OFFERED}; an entry that
 * does not fit keeps its place. An offer whose hold ends unused lapses and its seats pass on.
 */
@Singleton
public class WaitlistService {
    private static final Logger LOG = LoggerFactory.getLogger(WaitlistService.class);

    private final WaitlistRepository entries;
    private final HoldService holds;
    private final HoldSettings settings;
    private final CatalogHolder catalogs;
    private final ChainRegistry chains;
    private final Clock clock;
    private final ConcurrentHashMap<String, ReentrantLock> serving = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    public WaitlistService(WaitlistRepository entries, HoldService holds, HoldSettings settings, CatalogHolder catalogs,
            ChainRegistry chains, Clock clock) {
        this.entries = entries;
        this.holds = holds;
        this.settings = settings;
        this.catalogs = catalogs;
        this.chains = chains;
        this.clock = clock;
    }

    /** What came of asking to join. */
    public sealed interface JoinOutcome {
        record Joined(WaitlistEntry entry, int position, String token) implements JoinOutcome {
        }

        record UnknownShow(String showId) implements JoinOutcome {
        }

        record Invalid(String field, String reason) implements JoinOutcome {
        }

        record NotBookable(String reason) implements JoinOutcome {
        }
    }

    public JoinOutcome join(String showId, String email, Integer seatCount, String category) {
        if (!EmailAddresses.isValid(email)) {
            return new JoinOutcome.Invalid("email", "must be an email address");
        }
        if (seatCount == null || seatCount < 1 || seatCount > settings.maxSeatsPerHold()) {
            return new JoinOutcome.Invalid("seatCount", "must be from 1 to " + settings.maxSeatsPerHold());
        }
        Catalog catalog = catalogs.current();
        Optional<Show> show = catalog.show(showId);
        if (show.isEmpty()) {
            return new JoinOutcome.UnknownShow(showId);
        }
        if (!show.get().isOnSale(clock.instant())) {
            return new JoinOutcome.NotBookable("show " + showId + " is not on sale");
        }
        if (category != null && catalog.hall(show.get().hallId()).orElseThrow().layout().seats().stream()
                .noneMatch(s -> s.category().equals(category))) {
            return new JoinOutcome.Invalid("category", "this show's hall has no '" + category + "' seats");
        }
        String id = "wl_" + UUID.randomUUID().toString().replace("-", "");
        String token = HoldTokens.newToken();
        entries.insert(id, showId, email.trim().toLowerCase(Locale.ROOT), seatCount, category, HoldTokens.hash(token), clock.instant());
        WaitlistEntry entry = entries.find(id).orElseThrow().entry();
        return new JoinOutcome.Joined(entry, entries.position(entry), token);
    }

    /** The entry, if the token is its own. */
    public Optional<WaitlistEntry> find(String id, String token) {
        return entries.find(id).filter(s -> HoldTokens.matches(token, s.tokenHash())).map(WaitlistRepository.Stored::entry);
    }

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

    /** Seats came free: an offer on them lapses, and the show's queue is served, off the caller's thread. */
    @EventListener
    void onSeatsFreed(SeatsFreed event) {
        if (event.holdId() != null) {
            entries.offeredWith(event.holdId()).ifPresent(offered ->
                    entries.move(offered.id(), WaitlistStatus.OFFERED, WaitlistStatus.OFFER_LAPSED, clock.instant()));
        }
        background.submit(() -> serveQuietly(event.showId()));
    }

    /** Serves every show with someone waiting; catches seats freed at the chain without the gateway. */
    public void serveAll() {
        entries.showsWithWaiting().forEach(this::serveQuietly);
    }

    private void serveQuietly(String showId) {
        try {
            serve(showId);
        } catch (RuntimeException e) {
            LOG.warn("Serving the waitlist of show {} failed; it is tried again when seats come free", showId, e);
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
            Catalog catalog = catalogs.current();
            Optional<Show> show = catalog.show(showId).filter(s -> s.isOnSale(clock.instant()));
            if (show.isEmpty()) {
                return 0;
            }
            List<Seat> free = freeSeats(catalog, show.get());
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

    private List<Seat> freeSeats(Catalog catalog, Show show) {
        SeatAvailability taken = chains.chain(show.chainId()).orElseThrow().theatre().readSeats(show.ref());
        List<Seat> free = new ArrayList<>();
        for (Seat seat : catalog.hall(show.hallId()).orElseThrow().layout().seats()) {
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
            String holdId = "hld_" + UUID.randomUUID().toString().replace("-", "");
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
                    LOG.info("Waitlist entry {} of show {} offered seats {} (hold {})", entry.id(), entry.showId(), seats.get(), holdId);
                    return true;
                }
                case HoldOutcome.SeatsTaken taken -> {
                    Set<String> gone = new HashSet<>(taken.seatIds());
                    free.removeIf(s -> gone.contains(s.ref()));
                }
                default -> {
                    LOG.debug("Waitlist entry {} could not be offered seats: {}", entry.id(), outcome);
                    return false;
                }
            }
        }
        return false;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
