package dev.marquee.booking.testing;

import dev.marquee.booking.support.Transactions;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs each piece of work alone: one lock for everything, held while the work runs, so the in-memory stores
 * used inside see no other change meanwhile. Re-entrant, like joining an outer transaction. Nothing is rolled
 * back when the work throws; the rules under test do not rely on that.
 */
public final class InMemoryTransactions implements Transactions {
    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public <T> T atomically(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the calling thread is inside {@link #atomically}. */
    public boolean inTransaction() {
        return lock.isHeldByCurrentThread();
    }
}
