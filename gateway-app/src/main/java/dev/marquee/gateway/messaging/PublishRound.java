package dev.marquee.gateway.messaging;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The broker's answers to one batch of outbox rows published with confirms. A row is delivered when the
 * broker acknowledged it and did not return it as unroutable; refused when it was negatively
 * acknowledged or returned; unanswered otherwise. Answers arrive on the connection's thread.
 */
final class PublishRound {
    private final Clock clock;
    private final TreeMap<Long, Long> rowBySequence = new TreeMap<>();
    private final Map<Long, Boolean> answered = new HashMap<>();
    private final Set<Long> returned = new LinkedHashSet<>();
    private final Set<Long> rows = new LinkedHashSet<>();

    PublishRound(Clock clock) {
        this.clock = clock;
    }

    synchronized void published(long sequence, long row) {
        rowBySequence.put(sequence, row);
        rows.add(row);
    }

    /** The broker answered {@code sequence}, or every sequence up to it when {@code multiple}. */
    synchronized void answer(long sequence, boolean multiple, boolean ack) {
        var settled = multiple ? rowBySequence.headMap(sequence, true) : rowBySequence.subMap(sequence, true, sequence, true);
        for (Long row : settled.values()) {
            answered.put(row, ack && !returned.contains(row));
        }
        settled.clear();
        notifyAll();
    }

    /** The broker could route the row to no queue; its acknowledgement follows. */
    synchronized void returned(long row) {
        returned.add(row);
    }

    /**
     * Waits until every row is answered, the time is up, or the channel went away. The time is the gateway's
     * clock, looked at every 100 ms at the most, so a test that stops the clock decides when an unanswered
     * round gives up.
     */
    synchronized boolean awaitAnswers(long timeoutMillis, BooleanSupplier channelOpen) throws InterruptedException {
        long deadline = clock.millis() + timeoutMillis;
        while (!rowBySequence.isEmpty() && channelOpen.getAsBoolean()) {
            long left = deadline - clock.millis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 100));
        }
        return rowBySequence.isEmpty();
    }

    synchronized Set<Long> delivered() {
        return rowsWhere(Boolean.TRUE);
    }

    synchronized Set<Long> refused() {
        return rowsWhere(Boolean.FALSE);
    }

    synchronized Set<Long> unanswered() {
        Set<Long> open = new LinkedHashSet<>(rows);
        open.removeAll(answered.keySet());
        return open;
    }

    synchronized Set<Long> returnedRows() {
        return Set.copyOf(returned);
    }

    private Set<Long> rowsWhere(Boolean ack) {
        Set<Long> matching = new LinkedHashSet<>();
        answered.forEach((row, a) -> {
            if (a.equals(ack)) {
                matching.add(row);
            }
        });
        return matching;
    }
}
