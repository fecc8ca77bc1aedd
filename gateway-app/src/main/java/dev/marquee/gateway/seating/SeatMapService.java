package dev.marquee.gateway.seating;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Hall;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.web.NotFoundException;
import dev.marquee.gateway.web.ServiceUnavailableException;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreUnavailableException;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Seat maps kept as ready answers: each change of a show's seats makes a new version of its map, whose JSON (and
 * gzip) bytes are written once, and every read serves those bytes. A map changes when the booking rules change seats
 * (on this instance, before the change's request is answered; on the others through {@link SeatMapNotices}), and
 * when the show's chain answers a read made ahead of time in the background, so no reader waits on the chain; only
 * the first read of a show this instance has not seen yet does. Changes to a show nobody is reading wait for its next
 * read (see {@link #changedElsewhere}). When the chain is down, the last answer is served
 * with {@code stale: true} and its age.
 */
@Singleton
public class SeatMapService implements SeatMapNotices.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SeatMapService.class);
    /** Shows read within this long are kept fresh ahead of their readers. */
    private static final Duration HOT = Duration.ofMinutes(1);
    /** How often hot shows are looked at for a chain read ahead. */
    private static final long LOOK_AHEAD_MILLIS = 250;
    /** A chain whose answers are fresh for no time at all is still asked at most this often in the background. */
    private static final Duration MIN_READ_GAP = Duration.ofMillis(100);
    /** A show read this recently gets each change laid over its map at once, not by its next read. */
    private static final Duration BEING_READ = Duration.ofSeconds(2);
    /** Holds ended this long before the chain was asked are still laid over its answer. */
    private static final Duration ENDED_MARGIN = Duration.ofSeconds(2);

    private final CatalogHolder catalogs;
    private final ChainRegistry chains;
    private final Clock clock;
    private final SeatingConfiguration configuration;
    private final List<GatewayHolds> gatewayHolds;
    private final JsonMapper json;
    private final SeatMapNotices notices;
    private final String instance;
    private final SeatAvailabilityCache chainAnswers;
    private final Cache<String, ShowSeats> shows;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService lookAhead = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("seat-map-ahead").daemon(true).factory());

    public SeatMapService(CatalogHolder catalogs, ChainRegistry chains, Clock clock, SeatingConfiguration configuration,
            List<GatewayHolds> gatewayHolds, JsonMapper json, SeatMapNotices notices,
            @Named("seat-map-instance") String instance) {
        this.catalogs = catalogs;
        this.chains = chains;
        this.clock = clock;
        this.configuration = configuration;
        this.gatewayHolds = gatewayHolds;
        this.json = json;
        this.notices = notices;
        this.instance = instance;
        this.chainAnswers = new SeatAvailabilityCache(clock, configuration.lastAnswersOrDefault());
        this.shows = Caffeine.newBuilder().maximumSize(configuration.lastAnswersOrDefault())
                .expireAfterAccess(Duration.ofMinutes(30)).build();
    }

    @PostConstruct
    void start() {
        notices.listen(this);
        catalogs.onReplace(catalog -> shows.asMap().values().forEach(seats -> background.execute(() -> rerender(seats))));
        lookAhead.scheduleWithFixedDelay(this::readAhead, LOOK_AHEAD_MILLIS, LOOK_AHEAD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        lookAhead.shutdownNow();
        background.shutdownNow();
    }

    /**
     * The show's current version when it can be served at once, without waiting on the chain or the database;
     * null when {@link #load} must be called (off the event loop).
     *
     * @throws NotFoundException when there is no such show
     */
    public SeatMapVersion ready(String showId) {
        requireShow(catalogs.current(), showId);
        ShowSeats seats = shows.getIfPresent(showId);
        if (seats == null || seats.current() == null || !notices.listening() || seats.changesLeftForRead()) {
            return null;
        }
        Instant now = clock.instant();
        seats.read(now);
        readChainIfDue(seats, now);
        return seats.current();
    }

    /**
     * The show's current version, made now if this instance has none (reading the chain) or may have missed
     * changes (reading the seats held through the gateway).
     *
     * @throws NotFoundException when there is no such show
     * @throws ServiceUnavailableException when the chain fails and there is no earlier answer
     */
    public SeatMapVersion load(String showId) {
        Catalog catalog = catalogs.current();
        Show show = requireShow(catalog, showId);
        Hall hall = catalog.hall(show.hallId()).orElseThrow(() -> new NotFoundException("hall", show.hallId()));
        ShowSeats seats = shows.get(showId, ShowSeats::new);
        seats.read(clock.instant());
        seats.lock.lock();
        try {
            if (!seats.hasChainAnswer()) {
                Instant asked = clock.instant();
                SeatAvailabilityCache.Answer answer = readChain(show);
                chainAttempted(seats, show, asked);
                seats.chainAnswered(answer.availability(), answer.stale(), asked);
                heldThroughGateway(seats, seats.changesAnnounced.get());
            } else if (!notices.listening() || seats.changesPending()) {
                heldThroughGateway(seats, seats.changesAnnounced.get());
            } else if (seats.current() != null) {
                return seats.current();
            }
            return seats.render(instance, show, hall, clock.instant(), this::bytes, true); // served at once
        } finally {
            seats.lock.unlock();
        }
    }

    /** How old the chain's answer behind the show's map is now, in whole seconds. */
    public long ageSeconds(String showId) {
        ShowSeats seats = shows.getIfPresent(showId);
        Instant readAt = seats == null ? null : seats.latestReadAt();
        return readAt == null ? 0 : Math.max(0, Duration.between(readAt, clock.instant()).toSeconds());
    }

    /**
     * The seats changed since a version of this instance, or null when {@code since} is not one it still knows
     * (the caller answers with the whole map).
     */
    public SeatChanges changesSince(String showId, String since) {
        ShowSeats seats = shows.getIfPresent(showId);
        return seats == null ? null : seats.changesSince(instance, since);
    }

    /**
     * The show's changes as they happen: first those since {@code since} (every seat when it is not a version this
     * instance still knows), then one for each new version; call after {@link #load}.
     */
    public Flux<SeatChanges> follow(String showId, String since, Duration keepAlive) {
        ShowSeats seats = shows.get(showId, ShowSeats::new);
        return Flux.defer(() -> {
            seats.watchers.incrementAndGet();
            String[] last = {since};
            Flux<Object> signals = Flux.merge(seats.versions(), Flux.interval(keepAlive)).startWith("now");
            return signals.concatMap(signal -> {
                if (seats.changesPending()) {
                    applyChanges(seats); // announced while no stream followed; its new version comes as a signal too
                }
                SeatChanges changes = last[0] == null ? null : seats.changesSince(instance, last[0]);
                if (changes == null) {
                    changes = seats.allSeats();
                } else if (changes.changes().isEmpty() && !(signal instanceof Long) && !"now".equals(signal)) {
                    return Flux.empty();
                }
                last[0] = changes.version();
                return Flux.just(changes);
            }).doFinally(end -> seats.watchers.decrementAndGet());
        });
    }

    /**
     * The booking rules changed the show's seats on this instance: every read of its map that starts after this
     * returns shows the change, and so do the other instances' (as far as {@link SeatMapNotices#announce} promises).
     */
    public void seatsChanged(String showId) {
        changedElsewhere(showId);
        notices.announce(showId);
    }

    /**
     * As {@link #seatsChanged}, for a change being made in a transaction: the other instances' notice is written in it
     * now; {@link #changed} after the commit brings this instance's map up to date and waits for theirs.
     */
    public SeatMapNotices.Announced changing(String showId) {
        return notices.prepare(showId);
    }

    /** The change announced by {@link #changing} was committed. */
    public void changed(String showId, SeatMapNotices.Announced announced) {
        changedElsewhere(showId);
        announced.awaitApplied();
    }

    /**
     * Another instance changed the show's seats. The gateway's holds say all there is to the change, so the chain
     * is not read for it: its next read ahead comes within its freshness anyway.
     */
    @Override
    public void changedElsewhere(String showId) {
        ShowSeats seats = shows.getIfPresent(showId);
        if (seats != null) {
            long ticket = seats.changesAnnounced.incrementAndGet();
            // Applied now for a show being read or followed, so its readers keep being answered from ready bytes on
            // the event loop (the version before, until this makes the new one). For any other show the next read
            // applies it (ready() sends that read to load()): a show held and released many times between reads
            // makes one version, and one nobody reads none.
            if (beingRead(seats)) {
                applyChanges(seats);
            } else {
                seats.leaveForNextRead(ticket);
            }
        }
    }

    @Override
    public void mayHaveMissedChanges() {
        shows.asMap().values().forEach(seats -> {
            seats.leaveForNextRead(seats.changesAnnounced.incrementAndGet()); // readers wait for it meanwhile
            applyChanges(seats);
        });
    }

    /** Drops the show's map, so the next read makes it afresh from the chain. */
    public void forget(String showId) {
        shows.invalidate(showId);
        chainAnswers.forget(showId);
    }

    /** Followed by a change stream, or read within {@link #BEING_READ}. */
    private boolean beingRead(ShowSeats seats) {
        Instant read = seats.lastRead;
        return seats.watchers.get() > 0 || read != null && read.isAfter(clock.instant().minus(BEING_READ));
    }

    /** Lays the changes announced so far over the show's map, unless a read or another change did already. */
    private void applyChanges(ShowSeats seats) {
        long ticket = seats.changesAnnounced.get();
        seats.lock.lock();
        try {
            if (seats.changesApplied >= ticket || !seats.hasChainAnswer()) {
                return;
            }
            heldThroughGateway(seats, seats.changesAnnounced.get());
            renderLocked(seats);
        } catch (RuntimeException e) {
            seats.leaveForNextRead(seats.changesAnnounced.get()); // so no reader is answered without it
            LOG.warn("Updating the seat map of show {} failed; it is read afresh from the chain soon", seats.showId, e);
        } finally {
            seats.lock.unlock();
        }
    }

    /** Reads the seats of the gateway's holds; the answer includes every change announced up to {@code upTo}. */
    private void heldThroughGateway(ShowSeats seats, long upTo) {
        seats.throughGateway(throughGateway(seats.showId, seats.chainAskedAt()));
        seats.changesApplied = upTo;
    }

    /**
     * The show's seats as the gateway's holds have them; holds ended a little before the chain was asked count too,
     * since instances' clocks and the moment a chain applies a release differ a little.
     */
    private GatewayHolds.Seats throughGateway(String showId, Instant chainAskedAt) {
        Instant since = (chainAskedAt == null ? clock.instant() : chainAskedAt).minus(ENDED_MARGIN);
        Set<String> held = new HashSet<>();
        Set<String> letGo = new HashSet<>();
        Set<String> booked = new HashSet<>();
        for (GatewayHolds source : gatewayHolds) {
            GatewayHolds.Seats seats = source.seats(showId, clock.instant(), since);
            held.addAll(seats.held());
            letGo.addAll(seats.letGo());
            booked.addAll(seats.booked());
        }
        return new GatewayHolds.Seats(held, letGo, booked);
    }

    /** The chain was asked for the show's seats just now: it is asked again once its answers' freshness is over. */
    private void chainAttempted(ShowSeats seats, Show show, Instant asked) {
        Duration freshness = chains.chain(show.chainId()).map(chain -> chain.configuration().seatMapFreshness())
                .orElse(Duration.ZERO);
        seats.chainReadDue = asked.plus(freshness.compareTo(MIN_READ_GAP) < 0 ? MIN_READ_GAP : freshness);
    }

    private static boolean due(ShowSeats seats, Instant now) {
        Instant due = seats.chainReadDue;
        return due == null || !now.isBefore(due);
    }

    private void readAhead() {
        try {
            Instant hotSince = clock.instant().minus(HOT);
            for (ShowSeats seats : shows.asMap().values()) {
                Instant read = seats.lastRead;
                if (read != null && read.isAfter(hotSince) && seats.hasChainAnswer()) {
                    readChainIfDue(seats, clock.instant());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for seat maps to read ahead failed", e);
        }
    }

    /** Reads the show's chain in the background when its answer is due for renewal and no read runs yet. */
    private void readChainIfDue(ShowSeats seats, Instant now) {
        if (!seats.chainReadRunning.get() && due(seats, now) && seats.chainReadRunning.compareAndSet(false, true)) {
            seats.chainReadWanted.set(true);
            background.execute(() -> readChainWhileWanted(seats));
        }
    }

    /** Reads the show's chain in the background; reads asked for while one runs become one more read after it. */
    private void readChainSoon(ShowSeats seats) {
        seats.chainReadWanted.set(true);
        if (seats.chainReadRunning.compareAndSet(false, true)) {
            background.execute(() -> readChainWhileWanted(seats));
        }
    }

    private void readChainWhileWanted(ShowSeats seats) {
        try {
            while (seats.chainReadWanted.getAndSet(false)) {
                readChainNow(seats);
            }
        } finally {
            seats.chainReadRunning.set(false);
        }
        if (seats.chainReadWanted.get()) {
            readChainSoon(seats);
        }
    }

    private void readChainNow(ShowSeats seats) {
        Catalog catalog = catalogs.current();
        Show show = catalog.show(seats.showId).orElse(null);
        if (show == null) {
            shows.invalidate(seats.showId);
            return;
        }
        Instant asked = clock.instant();
        chainAttempted(seats, show, asked);
        SeatAvailabilityCache.Answer answer;
        try {
            chainAnswers.forget(seats.showId);
            answer = readChain(show);
        } catch (ServiceUnavailableException e) {
            answer = null;
        } catch (RuntimeException e) {
            LOG.warn("Reading the seats of show {} ahead failed", seats.showId, e);
            answer = null;
        }
        long ticket = seats.changesAnnounced.get();
        GatewayHolds.Seats held;
        try {
            held = throughGateway(seats.showId, answer == null || answer.stale() ? seats.chainAskedAt() : asked);
        } catch (RuntimeException e) {
            LOG.warn("Reading the gateway's holds of show {} failed; the map keeps the last ones", seats.showId, e);
            held = null;
        }
        seats.lock.lock();
        try {
            if (answer != null) {
                seats.chainAnswered(answer.availability(), answer.stale(), asked);
            } else {
                seats.chainFailed();
            }
            if (held != null && ticket >= seats.changesApplied) {
                seats.throughGateway(held);
                seats.changesApplied = ticket;
            }
            renderLocked(seats);
        } finally {
            seats.lock.unlock();
        }
    }

    private void rerender(ShowSeats seats) {
        seats.lock.lock();
        try {
            renderLocked(seats);
        } catch (RuntimeException e) {
            LOG.warn("Making the seat map of show {} again after a catalogue change failed", seats.showId, e);
        } finally {
            seats.lock.unlock();
        }
    }

    private void renderLocked(ShowSeats seats) {
        if (!seats.hasChainAnswer()) {
            return;
        }
        Catalog catalog = catalogs.current();
        Show show = catalog.show(seats.showId).orElse(null);
        Hall hall = show == null ? null : catalog.hall(show.hallId()).orElse(null);
        if (hall == null) {
            shows.invalidate(seats.showId);
            return;
        }
        seats.render(instance, show, hall, clock.instant(), this::bytes, beingRead(seats));
    }

    private SeatAvailabilityCache.Answer readChain(Show show) {
        Chain chain = chains.chain(show.chainId()).orElse(null);
        try {
            return chainAnswers.get(show.id(), chain == null ? Duration.ZERO : chain.configuration().seatMapFreshness(),
                    () -> read(chain, show));
        } catch (TheatreException e) {
            LOG.warn("Seat map of show {} unavailable: {}", show.id(), e.getMessage());
            throw new ServiceUnavailableException("The seats of show " + show.id() + " cannot be read now: theatre chain '"
                    + e.chainId() + "' does not answer", configuration.retryAfterOrDefault(), e);
        }
    }

    private static Show requireShow(Catalog catalog, String showId) {
        return catalog.show(showId).orElseThrow(() -> new NotFoundException("show", showId));
    }

    private byte[] bytes(SeatMap map) {
        try {
            return json.writeValueAsBytes(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SeatAvailability read(Chain chain, Show show) {
        if (chain == null) {
            throw new TheatreUnavailableException(show.chainId(), "the chain is not configured in this gateway", null);
        }
        return chain.theatre().readSeats(show.ref());
    }
}
