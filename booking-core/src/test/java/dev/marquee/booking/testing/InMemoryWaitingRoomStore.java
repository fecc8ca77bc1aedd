package dev.marquee.booking.testing;

import dev.marquee.booking.tokens.Tokens;
import dev.marquee.booking.waitingroom.PlaceStatus;
import dev.marquee.booking.waitingroom.QueueMode;
import dev.marquee.booking.waitingroom.QueuePlace;
import dev.marquee.booking.waitingroom.QueueScope;
import dev.marquee.booking.waitingroom.WaitingRoomStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The waiting room in memory, places numbered in the order they were added. Every method is synchronized; a gate is
 * "locked" by the one lock of {@link InMemoryTransactions}, which admitters sharing this store must share too.
 */
public class InMemoryWaitingRoomStore implements WaitingRoomStore {
    private final Map<QueueScope, QueueMode> modes = new LinkedHashMap<>();
    private final Map<String, StoredPlace> places = new LinkedHashMap<>();
    private final Map<String, Instant> gates = new HashMap<>();
    private final Map<String, Attempts> attempts = new HashMap<>();
    private long lastSeq;

    @Override
    public synchronized void putMode(QueueMode mode) {
        modes.put(mode.scope(), mode);
    }

    @Override
    public synchronized boolean removeMode(QueueScope scope) {
        return modes.remove(scope) != null;
    }

    @Override
    public synchronized List<QueueMode> modes() {
        return List.copyOf(modes.values());
    }

    @Override
    public synchronized Joining join(String id, String showId, String email, String tokenHash, Instant now) {
        Optional<StoredPlace> existing = places.values().stream()
                .filter(s -> s.place().showId().equals(showId) && s.place().email().equals(email)).findFirst();
        if (existing.isPresent()) {
            return new Joining(existing.get(), false);
        }
        if (places.containsKey(id)) {
            throw new IllegalStateException("queue place " + id + " exists already");
        }
        StoredPlace stored = new StoredPlace(new QueuePlace(id, ++lastSeq, showId, email, PlaceStatus.WAITING, now, null, null, null),
                tokenHash);
        places.put(id, stored);
        gates.putIfAbsent(showId, now);
        return new Joining(stored, true);
    }

    @Override
    public synchronized Optional<StoredPlace> find(String placeId) {
        return Optional.ofNullable(places.get(placeId));
    }

    @Override
    public synchronized Optional<QueuePlace> admittedWith(String admissionTokenHash) {
        return places.values().stream().map(StoredPlace::place)
                .filter(p -> p.admissionToken() != null && Tokens.matches(p.admissionToken(), admissionTokenHash))
                .findFirst();
    }

    @Override
    public synchronized int position(QueuePlace place) {
        return (int) waiting(place.showId()).filter(p -> p.seq() < place.seq()).count() + 1;
    }

    @Override
    public synchronized long[] waitingOrder(String showId) {
        return waiting(showId).mapToLong(QueuePlace::seq).toArray();
    }

    @Override
    public synchronized List<String> showsWithWaiting() {
        return places.values().stream().map(StoredPlace::place).filter(p -> p.status() == PlaceStatus.WAITING)
                .map(QueuePlace::showId).distinct().toList();
    }

    @Override
    public synchronized Instant lockGate(String showId, Instant now) {
        return gates.computeIfAbsent(showId, id -> now);
    }

    @Override
    public synchronized void saveGate(String showId, Instant accountedUpTo) {
        gates.put(showId, Objects.requireNonNull(accountedUpTo, "accountedUpTo"));
    }

    /** Insertion order is join order. */
    @Override
    public synchronized List<QueuePlace> nextWaiting(String showId, int limit) {
        return waiting(showId).limit(limit).toList();
    }

    @Override
    public synchronized boolean admit(String placeId, String admissionToken, String admissionTokenHash, Instant now, Instant expiresAt) {
        StoredPlace stored = places.get(placeId);
        if (stored == null || stored.place().status() != PlaceStatus.WAITING) {
            return false;
        }
        QueuePlace p = stored.place();
        places.put(placeId, new StoredPlace(new QueuePlace(p.id(), p.seq(), p.showId(), p.email(), PlaceStatus.ADMITTED, p.joinedAt(), now,
                expiresAt, admissionToken), stored.tokenHash()));
        return true;
    }

    @Override
    public synchronized long addHoldAttempts(String showId, Instant windowStart, long added) {
        Attempts counted = attempts.get(showId);
        long total = (counted != null && counted.windowStart().equals(windowStart) ? counted.count() : 0) + added;
        attempts.put(showId, new Attempts(windowStart, total));
        return total;
    }

    private Stream<QueuePlace> waiting(String showId) {
        return places.values().stream().map(StoredPlace::place).filter(p -> p.showId().equals(showId) && p.status() == PlaceStatus.WAITING);
    }

    private record Attempts(Instant windowStart, long count) {
    }
}
