package dev.marquee.gateway.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits until no asynchronous work is left anywhere, so that "one email" means one and not "one so far".
 * Work is left while the outbox holds any row (a delayed retry or a dead letter on its way included), a
 * handler's queue holds a message, or a consumer holds a message it has not acknowledged. The broker
 * counts only ready messages, and a message between its delivery and its handler is seen by neither side,
 * so the quiet must last a moment: work that is seen again starts the wait over.
 */
public final class Quiet {
    private static final Duration SETTLE = Duration.ofMillis(600);
    private static final Duration POLL = Duration.ofMillis(100);

    private Quiet() {
    }

    /** What is left at one moment. */
    public record Work(long outboxRows, long queued, long deliveriesInProgress) {
        public boolean none() {
            return outboxRows == 0 && queued == 0 && deliveriesInProgress == 0;
        }
    }

    public static void await(Duration limit, Supplier<Work> read) {
        long deadline = System.nanoTime() + limit.toNanos();
        long quietSince = -1;
        Work last = read.get();
        while (true) {
            long now = System.nanoTime();
            if (!last.none()) {
                quietSince = -1;
            } else if (quietSince < 0) {
                quietSince = now;
            } else if (now - quietSince >= SETTLE.toNanos()) {
                return;
            }
            if (now > deadline) {
                throw new AssertionError("after " + limit + ", work is still left: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the work to end", e);
            }
            last = read.get();
        }
    }
}
