package dev.marquee.gateway.integration;

import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockLookup;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends every call of a chain's adapter through its circuit breaker, so that a chain that keeps failing
 * is answered for at once instead of waited on. An open breaker surfaces as a
 * {@link TheatreUnavailableException}, so callers handle one kind of failure.
 *
 * <p>Confirmations run from many message consumers at once; at most {@code maxConcurrentConfirms} of them call the
 * chain at a time, so a burst of payments is confirmed in parallel without flooding the chain. A confirmation that
 * finds no room within {@code confirmQueueWait} fails as the chain being unavailable, and its message is retried.
 */
final class GuardedTheatre implements TheatreAdapter {
    private final String chainId;
    private final TheatreAdapter delegate;
    private final CircuitBreaker breaker;
    private final Semaphore confirms;
    private final Duration confirmQueueWait;

    GuardedTheatre(String chainId, TheatreAdapter delegate, CircuitBreaker breaker, int maxConcurrentConfirms,
            Duration confirmQueueWait) {
        this.chainId = chainId;
        this.delegate = delegate;
        this.breaker = breaker;
        this.confirms = new Semaphore(maxConcurrentConfirms, true);
        this.confirmQueueWait = confirmQueueWait;
    }

    @Override
    public CatalogChanges readCatalog(CatalogCursor since) {
        return guarded(() -> delegate.readCatalog(since));
    }

    @Override
    public SeatAvailability readSeats(String showRef) {
        return guarded(() -> delegate.readSeats(showRef));
    }

    @Override
    public LockOutcome lockSeats(SeatLockRequest request) {
        return guarded(() -> delegate.lockSeats(request));
    }

    @Override
    public ReleaseOutcome release(String lockRef) {
        return guarded(() -> delegate.release(lockRef));
    }

    @Override
    public LockLookup findLock(String showRef, String reference) {
        return guarded(() -> delegate.findLock(showRef, reference));
    }

    @Override
    public BookingLookup findBooking(String reference) {
        return guarded(() -> delegate.findBooking(reference));
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public void releaseLock(String lockRef) {
        guarded(() -> {
            delegate.releaseLock(lockRef);
            return null;
        });
    }

    @Override
    public ConfirmOutcome confirm(ConfirmRequest request) {
        try {
            if (!confirms.tryAcquire(confirmQueueWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TheatreUnavailableException(chainId, "no room for confirmation " + request.reference() + " within "
                        + confirmQueueWait + ": " + (confirms.availablePermits() == 0 ? "all" : "most")
                        + " of its concurrent confirmations are busy", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TheatreUnavailableException(chainId, "interrupted while waiting to confirm " + request.reference(), e);
        }
        try {
            return guarded(() -> delegate.confirm(request));
        } finally {
            confirms.release();
        }
    }

    @Override
    public CancelOutcome cancelBooking(String bookingRef) {
        return guarded(() -> delegate.cancelBooking(bookingRef));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            throw new TheatreUnavailableException(chainId, "circuit breaker is open after repeated failures", e);
        }
    }
}
