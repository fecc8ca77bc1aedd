package dev.marquee.gateway.seating;

import dev.marquee.gateway.catalog.Hall;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One show's seat map as this instance serves it: the chain's last answer, the seats held through the
 * gateway, and the version made from them. Readers take {@link #current()} without a lock; changes are made
 * under {@link #lock}, one at a time, and a new version is made only when a seat's state (or staleness) changed.
 * The seats changed by the last {@value #HISTORY} versions are kept, so a client can ask for changes since one.
 */
final class ShowSeats {
    static final int HISTORY = 256;
    /** A read stamps the show as read at most this often: readers on both event loops writing one field cost more. */
    static final long READ_STAMP_MILLIS = 50;

    final String showId;
    final ReentrantLock lock = new ReentrantLock();
    /** Changes announced (counted before the gateway-held seats are read) and the last one those seats include. */
    final AtomicLong changesAnnounced = new AtomicLong();
    volatile long changesApplied;
    /**
     * The last change left for the next read to apply (the show was not being read). A change applied at once by its
     * own request is not: until that request has made the new version, which it does before it answers, readers are
     * answered from the version before, which is right for any read that started before the answer.
     */
    private final AtomicLong leftForRead = new AtomicLong();
    /**
     * Change streams following the show. While there is one (or the show was read just now) a change is applied at
     * once; otherwise the next read applies it. A stream counts itself before it looks for changes not yet applied,
     * and a change is counted before it looks for streams, so one of the two always sees the other.
     */
    final AtomicInteger watchers = new AtomicInteger();
    /** A chain read is running; another is wanted once it is done. */
    final AtomicBoolean chainReadRunning = new AtomicBoolean();
    final AtomicBoolean chainReadWanted = new AtomicBoolean();
    /** When the chain is next asked ahead of readers: its last attempt plus its answers' freshness. */
    volatile Instant chainReadDue;
    /** When the show was last read, to within {@link #READ_STAMP_MILLIS}. */
    volatile Instant lastRead;

    private SeatAvailability chainAnswer;
    private boolean stale;
    private GatewayHolds.Seats throughGateway = GatewayHolds.Seats.NONE;
    /** When (by the gateway's clock) the chain was asked for its last good answer. */
    private Instant chainAskedAt;
    private volatile Instant latestReadAt;
    private volatile SeatMapVersion current;
    private final ArrayDeque<Step> history = new ArrayDeque<>();
    private final Sinks.Many<SeatMapVersion> versions = Sinks.many().multicast().directBestEffort();

    ShowSeats(String showId) {
        this.showId = showId;
    }

    SeatMapVersion current() {
        return current;
    }

    /** The show is read now. */
    void read(Instant now) {
        Instant last = lastRead;
        long since = last == null ? Long.MAX_VALUE : now.toEpochMilli() - last.toEpochMilli();
        if (since >= READ_STAMP_MILLIS || since < 0) { // a clock set back restamps at once
            lastRead = now;
        }
    }

    /** Whether changes were announced that the map does not show yet. */
    boolean changesPending() {
        return changesApplied < changesAnnounced.get();
    }

    /** The change {@code ticket} is applied by the next read, not by the request that made it. */
    void leaveForNextRead(long ticket) {
        leftForRead.accumulateAndGet(ticket, Math::max);
    }

    /** Whether a reader must apply changes first: some were left for it, or may have been missed. */
    boolean changesLeftForRead() {
        return changesApplied < leftForRead.get();
    }

    /** When the chain last answered; the answer's age is counted from it. */
    Instant latestReadAt() {
        return latestReadAt;
    }

    /** New versions as they are made (a slow subscriber misses some; it asks for changes since its last). */
    Flux<SeatMapVersion> versions() {
        return versions.asFlux();
    }

    void chainAnswered(SeatAvailability answer, boolean stale, Instant askedAt) {
        if (!stale || chainAnswer == null) {
            this.chainAskedAt = askedAt;
        }
        this.chainAnswer = answer;
        this.stale = stale;
        if (!stale) {
            latestReadAt = answer.readAt();
        } else if (latestReadAt == null) {
            latestReadAt = answer.readAt();
        }
    }

    /** The chain failed just now: its last answer is served, stale. */
    void chainFailed() {
        stale = true;
    }

    /** When the chain was asked for the answer the map stands on: holds that ended since then are laid over it. */
    Instant chainAskedAt() {
        return chainAskedAt;
    }

    void throughGateway(GatewayHolds.Seats seats) {
        this.throughGateway = seats;
    }

    boolean hasChainAnswer() {
        return chainAnswer != null;
    }

    /**
     * Makes a new version when a seat's state changed; call under {@link #lock}.
     *
     * @param writeNow have the answer of the version served from now on written before this returns (off the event
     *        loop, for a show being read), the new one before it is served: readers on the event loop then never
     *        write it, nor wait for the thread that does
     * @return the version now served
     */
    SeatMapVersion render(String instance, Show show, Hall hall, Instant now, Function<SeatMap, byte[]> json,
            boolean writeNow) {
        SeatAvailability states = withGatewayHolds(chainAnswer);
        Map<String, SeatState> byId = new HashMap<>();
        for (Seat seat : hall.layout().seats()) {
            byId.put(seat.ref(), states.stateOf(seat.ref()));
        }
        SeatMapVersion before = current;
        if (before != null && before.stale() == stale && before.states().equals(byId)) {
            if (writeNow) {
                before.prepare(); // made while nobody read the show, it may not be written yet
            }
            return before;
        }
        long number = before == null ? 1 : before.number() + 1;
        String version = instance + "." + number;
        int available = (int) byId.values().stream().filter(state -> state == SeatState.AVAILABLE).count();
        boolean staleNow = stale;
        // The answer itself is laid out and written only if the version is served (see SeatMapVersion).
        SeatMapVersion made = new SeatMapVersion(number, version, byId, states.readAt(), stale, available,
                () -> json.apply(SeatMap.of(version, show, hall, states, now, staleNow)));
        if (writeNow) {
            made.prepare();
        }
        history.addLast(new Step(number, before == null ? byId.keySet() : changed(before.states(), byId)));
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
        current = made;
        versions.tryEmitNext(made);
        return made;
    }

    /**
     * The seats changed after version {@code since} up to the current one, with their current states; null when
     * {@code since} is not a version of this instance that is still in the history (the caller answers in full).
     */
    SeatChanges changesSince(String instance, String since) {
        SeatMapVersion now = current;
        Long from = numberOf(instance, since);
        if (now == null || from == null || from > now.number()) {
            return null;
        }
        Set<String> seats = new LinkedHashSet<>();
        lock.lock();
        try {
            if (from < now.number() && (history.isEmpty() || history.peekFirst().number() > from + 1)) {
                return null;
            }
            for (Step step : history) {
                if (step.number() > from && step.number() <= now.number()) {
                    seats.addAll(step.seats());
                }
            }
        } finally {
            lock.unlock();
        }
        return changes(now, since, seats);
    }

    /** Every seat of the current version, as changes from nothing. */
    SeatChanges allSeats() {
        SeatMapVersion now = current;
        return changes(now, null, now.states().keySet());
    }

    private SeatChanges changes(SeatMapVersion now, String since, Set<String> seats) {
        List<SeatChanges.Change> list = new ArrayList<>();
        seats.stream().filter(now.states()::containsKey).sorted(Comparator.naturalOrder())
                .forEach(id -> list.add(new SeatChanges.Change(id, now.states().get(id))));
        return new SeatChanges(showId, since, now.version(), now.availabilityReadAt(), now.stale(), now.seatsAvailable(), list);
    }

    private static Long numberOf(String instance, String version) {
        if (version == null || !version.startsWith(instance + ".")) {
            return null;
        }
        try {
            return Long.parseLong(version.substring(instance.length() + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * What the gateway did since the chain answered, laid over the answer: seats held through it read HELD, seats of
     * holds booked read SOLD, and seats of holds let go read AVAILABLE unless another hold has them; seats the chain
     * sold stay SOLD.
     */
    private SeatAvailability withGatewayHolds(SeatAvailability fromChain) {
        GatewayHolds.Seats gateway = throughGateway;
        if (gateway.letGo().isEmpty() && gateway.booked().isEmpty() && fromChain.heldSeats().containsAll(gateway.held())) {
            return fromChain;
        }
        Set<String> sold = new HashSet<>(fromChain.soldSeats());
        sold.addAll(gateway.booked());
        Set<String> held = new HashSet<>(fromChain.heldSeats());
        held.removeAll(gateway.letGo());
        held.addAll(gateway.held());
        held.removeAll(sold);
        return new SeatAvailability(fromChain.showRef(), held, sold, fromChain.readAt());
    }

    private static Set<String> changed(Map<String, SeatState> before, Map<String, SeatState> after) {
        Set<String> seats = new HashSet<>();
        after.forEach((id, state) -> {
            if (before.get(id) != state) {
                seats.add(id);
            }
        });
        before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(seats::add);
        return seats;
    }

    private record Step(long number, Set<String> seats) {
    }
}
