package dev.marquee.gateway.integration;

import com.netflix.concurrency.limits.Limiter;
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
import dev.marquee.spi.TheatreTimeoutException;
import dev.marquee.spi.TheatreUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.function.Supplier;

/**
 * Sends every call of a chain's adapter through its circuit breaker, so that a chain that keeps failing
 * is answered for at once instead of waited on. An open breaker surfaces as a
 * {@link TheatreUnavailableException}, so callers handle one kind of failure.
 *
 * <p>Confirmations run from many message consumers at once; at most the {@link ConfirmLimit} of them call the chain
 * at a time (up to {@code max-concurrent-confirms}, less while the chain struggles), so a burst of payments is
 * confirmed in parallel without flooding the chain. A confirmation that finds no room within its wait fails as the
 * chain being unavailable, and its message is retried.
 */
final class GuardedTheatre implements TheatreAdapter {
    private final String chainId;
    private final TheatreAdapter delegate;
    private final CircuitBreaker breaker;
    private final ConfirmLimit confirms;

    GuardedTheatre(String chainId, TheatreAdapter delegate, CircuitBreaker breaker, ConfirmLimit confirms) {
        this.chainId = chainId;
        this.delegate = delegate;
        this.breaker = breaker;
        this.confirms = confirms;
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
        Limiter.Listener slot = confirms.acquire().orElseThrow(() -> new TheatreUnavailableException(chainId,
                "no room for confirmation " + request.reference() + ": " + confirms.inFlight() + " confirmations at the chain, "
                        + "its limit now " + confirms.limit(), null));
        try {
            ConfirmOutcome outcome = guarded(() -> delegate.confirm(request));
            slot.onSuccess();
            return outcome;
        } catch (TheatreTimeoutException | TheatreUnavailableException e) {
            if (e.getCause() instanceof CallNotPermittedException) {
                slot.onIgnore(); // the open breaker answered; the chain was not asked
            } else {
                slot.onDropped(); // the chain struggles: fewer at once
            }
            throw e;
        } catch (RuntimeException | Error e) {
            slot.onIgnore();
            throw e;
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
