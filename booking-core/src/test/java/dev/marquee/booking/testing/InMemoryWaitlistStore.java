package dev.marquee.booking.testing;

import dev.marquee.booking.waitlist.WaitlistEntry;
import dev.marquee.booking.waitlist.WaitlistStatus;
import dev.marquee.booking.waitlist.WaitlistStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Waitlist entries in memory, numbered in the order they were added. Every method is synchronized. */
public class InMemoryWaitlistStore implements WaitlistStore {
    private final Map<String, StoredEntry> entries = new LinkedHashMap<>();
    private long lastSeq;

    @Override
    public synchronized void add(String id, String showId, String email, int seatCount, String category, String tokenHash,
            Instant joinedAt) {
        if (entries.containsKey(id)) {
            throw new IllegalStateException("waitlist entry " + id + " exists already");
        }
        WaitlistEntry entry = new WaitlistEntry(id, ++lastSeq, showId, email, seatCount, category, WaitlistStatus.WAITING, null,
                null, null, joinedAt);
        entries.put(id, new StoredEntry(entry, tokenHash));
    }

    @Override
    public synchronized Optional<StoredEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** Insertion order is join order: entries are kept as they were added. */
    @Override
    public synchronized List<WaitlistEntry> waiting(String showId) {
        return entries.values().stream().map(StoredEntry::entry)
                .filter(e -> e.showId().equals(showId) && e.status() == WaitlistStatus.WAITING).toList();
    }

    @Override
    public synchronized int position(WaitlistEntry entry) {
        return (int) waiting(entry.showId()).stream().filter(e -> e.seq() < entry.seq()).count() + 1;
    }

    @Override
    public synchronized List<String> showsWithWaiting() {
        return entries.values().stream().map(StoredEntry::entry).filter(e -> e.status() == WaitlistStatus.WAITING)
                .map(WaitlistEntry::showId).distinct().toList();
    }

    @Override
    public synchronized boolean offer(String id, String holdId, String holdToken, Instant holdExpiresAt, Instant now) {
        return changeIn(id, WaitlistStatus.WAITING, e -> new WaitlistEntry(e.id(), e.seq(), e.showId(), e.email(), e.seatCount(),
                e.category(), WaitlistStatus.OFFERED, holdId, holdToken, holdExpiresAt, e.joinedAt()));
    }

    @Override
    public synchronized boolean move(String id, WaitlistStatus from, WaitlistStatus to, Instant now) {
        return changeIn(id, from, e -> new WaitlistEntry(e.id(), e.seq(), e.showId(), e.email(), e.seatCount(), e.category(), to,
                e.holdId(), e.holdToken(), e.holdExpiresAt(), e.joinedAt()));
    }

    @Override
    public synchronized Optional<WaitlistEntry> offeredWith(String holdId) {
        return entries.values().stream().map(StoredEntry::entry)
                .filter(e -> e.status() == WaitlistStatus.OFFERED && holdId.equals(e.holdId())).findFirst();
    }

    private boolean changeIn(String id, WaitlistStatus from, UnaryOperator<WaitlistEntry> change) {
        StoredEntry stored = entries.get(id);
        if (stored == null || stored.entry().status() != from) {
            return false;
        }
        entries.put(id, new StoredEntry(change.apply(stored.entry()), stored.tokenHash()));
        return true;
    }
}
