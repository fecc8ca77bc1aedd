package dev.marquee.gateway.seating;

import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreAdapterFactory;
import dev.marquee.spi.TheatreUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adapter type {@code fake-seats}: chains whose seat answers a test sets, found through ServiceLoader
 * like real adapters. The catalogue is the test's business (it goes into the CatalogHolder directly).
 */
public final class FakeSeatsFactory implements TheatreAdapterFactory {
    private static final Map<String, FakeSeats> CHAINS = new ConcurrentHashMap<>();

    /** The adapter made for a configured chain. */
    public static FakeSeats chain(String chainId) {
        return CHAINS.computeIfAbsent(chainId, FakeSeats::new);
    }

    @Override
    public String type() {
        return "fake-seats";
    }

    @Override
    public TheatreAdapter create(String chainId, Map<String, String> settings) {
        return chain(chainId);
    }

    public static final class FakeSeats implements TheatreAdapter {
        private final String chainId;
        private final AtomicInteger reads = new AtomicInteger();
        private final Map<String, AtomicInteger> readsByShow = new ConcurrentHashMap<>();
        private volatile boolean down;
        private volatile long slowMillis;
        private volatile Set<String> held = Set.of();
        private volatile Set<String> sold = Set.of();
        private volatile Instant answerTime = Instant.EPOCH;

        FakeSeats(String chainId) {
            this.chainId = chainId;
        }

        public void answers(Set<String> heldSeats, Set<String> soldSeats, Instant at) {
            held = heldSeats;
            sold = soldSeats;
            answerTime = at;
            down = false;
        }

        public void goDown() {
            down = true;
        }

        public int reads() {
            return reads.get();
        }

        /** Reads of one show (by its ref) since the last reset: other shows are read ahead in the background too. */
        public int reads(String showRef) {
            return readsByShow.getOrDefault(showRef, new AtomicInteger()).get();
        }

        public void reset() {
            reads.set(0);
            readsByShow.clear();
            down = false;
            slowMillis = 0;
        }

        /** Each read takes this long from now on. */
        public void slowBy(java.time.Duration delay) {
            slowMillis = delay.toMillis();
        }

        @Override
        public SeatAvailability readSeats(String showRef) {
            reads.incrementAndGet();
            readsByShow.computeIfAbsent(showRef, ref -> new AtomicInteger()).incrementAndGet();
            if (slowMillis > 0) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (down) {
                throw new TheatreUnavailableException(chainId, "test outage", null);
            }
            return new SeatAvailability(showRef, held, sold, answerTime);
        }

        @Override
        public CatalogChanges readCatalog(CatalogCursor since) {
            return new CatalogChanges(false, List.of(), List.of(), List.of(), List.of(), List.of(), since);
        }

        @Override
        public LockOutcome lockSeats(SeatLockRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseLock(String lockRef) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConfirmOutcome confirm(ConfirmRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CancelOutcome cancelBooking(String bookingRef) {
            throw new UnsupportedOperationException();
        }
    }
}
