package dev.marquee.booking.testing;

import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.holds.HoldStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Holds in memory. Every method is synchronized, so each conditional change has one winner. */
public class InMemoryHoldStore implements HoldStore {
    private final Map<String, StoredHold> holds = new LinkedHashMap<>();

    @Override
    public synchronized boolean recordWithin(Hold hold, String tokenHash, int maxSeatsPerEmail, Instant now) {
        if (holds.containsKey(hold.id())) {
            throw new IllegalStateException("hold " + hold.id() + " is recorded already");
        }
        if (countHeldBy(hold.email(), hold.showId(), now) + hold.seats().size() > maxSeatsPerEmail) {
            return false;
        }
        holds.put(hold.id(), new StoredHold(hold, tokenHash));
        return true;
    }

    @Override
    public synchronized Optional<StoredHold> find(String holdId) {
        return Optional.ofNullable(holds.get(holdId));
    }

    @Override
    public synchronized int seatsHeldBy(String email, String showId, Instant now) {
        return countHeldBy(email, showId, now);
    }

    @Override
    public synchronized List<String> seatsHeldAt(String showId, Instant now) {
        return activeAt(now).filter(h -> h.showId().equals(showId)).flatMap(h -> h.seatIds().stream()).toList();
    }

    @Override
    public synchronized boolean isHeld(String holdId, Instant now) {
        return find(holdId).map(s -> s.hold().isActiveAt(now)).orElse(false);
    }

    @Override
    public synchronized boolean end(String holdId, HoldStatus ending, Instant now) {
        StoredHold stored = holds.get(holdId);
        if (stored == null || stored.hold().status() != HoldStatus.HELD) {
            return false;
        }
        put(stored, ending);
        return true;
    }

    @Override
    public synchronized boolean replaceToken(String holdId, String expectedTokenHash, String newTokenHash, Instant now) {
        StoredHold stored = holds.get(holdId);
        if (stored == null || !stored.hold().isActiveAt(now) || !stored.tokenHash().equals(expectedTokenHash)) {
            return false;
        }
        holds.put(holdId, new StoredHold(stored.hold(), newTokenHash));
        return true;
    }

    @Override
    public synchronized void booked(String holdId, Instant now) {
        StoredHold stored = holds.get(holdId);
        if (stored != null) {
            put(stored, HoldStatus.BOOKED);
        }
    }

    @Override
    public synchronized List<String> due(Instant now, int limit) {
        return holds.values().stream().map(StoredHold::hold)
                .filter(h -> h.status() == HoldStatus.HELD && !now.isBefore(h.expiresAt()))
                .sorted(Comparator.comparing(Hold::expiresAt)).limit(limit).map(Hold::id).toList();
    }

    private int countHeldBy(String email, String showId, Instant now) {
        return activeAt(now).filter(h -> h.email().equals(email) && h.showId().equals(showId)).mapToInt(h -> h.seats().size()).sum();
    }

    private Stream<Hold> activeAt(Instant now) {
        return holds.values().stream().map(StoredHold::hold).filter(h -> h.isActiveAt(now));
    }

    private void put(StoredHold stored, HoldStatus status) {
        holds.put(stored.hold().id(), new StoredHold(stored.hold().withStatus(status), stored.tokenHash()));
    }
}
