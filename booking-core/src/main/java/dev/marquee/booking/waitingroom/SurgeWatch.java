package dev.marquee.booking.waitingroom;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts hold attempts per show in fixed windows, shared across instances through the store. An instance counts in
 * memory and adds its count to the shared one at most once per {@code surgeFlush} for each show, so a hot show costs
 * one write a second per instance rather than one per attempt; the threshold is then noticed within about that long.
 */
final class SurgeWatch {
    private final WaitingRoomStore store;
    private final WaitingRoomRules rules;
    private final Clock clock;
    private final Surged surged;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    /** Told when a show's attempts in one window passed the threshold. */
    @FunctionalInterface
    interface Surged {
        void surged(String showId, long attempts);
    }

    SurgeWatch(WaitingRoomStore store, WaitingRoomRules rules, Clock clock, Surged surged) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
        this.surged = surged;
    }

    void attempted(String showId) {
        Instant now = clock.instant();
        Instant window = windowOf(now);
        Counter counter = counters.computeIfAbsent(showId, id -> new Counter());
        long toAdd;
        Instant flushWindow;
        synchronized (counter) {
            if (!window.equals(counter.window)) {
                counter.window = window;
                counter.pending = 0;
                counter.flushedAt = null;
            }
            counter.pending++;
            boolean due = counter.flushedAt == null || !now.isBefore(counter.flushedAt.plus(rules.surgeFlush()))
                    || counter.pending >= rules.surgeAttempts();
            if (!due) {
                return;
            }
            toAdd = counter.pending;
            flushWindow = counter.window;
            counter.pending = 0;
            counter.flushedAt = now;
        }
        long total = store.addHoldAttempts(showId, flushWindow, toAdd);
        if (total >= rules.surgeAttempts()) {
            counters.remove(showId);
            surged.surged(showId, total);
        }
    }

    private Instant windowOf(Instant now) {
        long size = rules.surgeWindow().toMillis();
        return Instant.ofEpochMilli(now.toEpochMilli() / size * size);
    }

    private static final class Counter {
        private Instant window;
        private Instant flushedAt;
        private long pending;
    }
}
