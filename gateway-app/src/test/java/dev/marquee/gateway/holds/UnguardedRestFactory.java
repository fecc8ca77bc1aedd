package dev.marquee.gateway.holds;

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
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * For control runs only: the REST adapter with the chain's guard taken away. A lock the chain refuses
 * because its seats are taken is reported as made, as a gateway that did not trust the chain would
 * believe. Race tests run against it to show they catch double bookings.
 */
public class UnguardedRestFactory implements TheatreAdapterFactory {
    @Override
    public String type() {
        return "unguarded-rest";
    }

    @Override
    public TheatreAdapter create(String chainId, Map<String, String> settings) {
        TheatreAdapter rest = ServiceLoader.load(TheatreAdapterFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("rest")).findFirst().orElseThrow().create(chainId, settings);
        return new TheatreAdapter() {
            @Override
            public CatalogChanges readCatalog(CatalogCursor since) {
                return rest.readCatalog(since);
            }

            @Override
            public SeatAvailability readSeats(String showRef) {
                return rest.readSeats(showRef);
            }

            @Override
            public LockOutcome lockSeats(SeatLockRequest request) {
                LockOutcome outcome = rest.lockSeats(request);
                return outcome instanceof LockOutcome.SeatsTaken
                        ? new LockOutcome.Locked("unguarded-" + request.reference(), Instant.now().plus(request.ttl()))
                        : outcome;
            }

            @Override
            public void releaseLock(String lockRef) {
                rest.releaseLock(lockRef);
            }

            @Override
            public ConfirmOutcome confirm(ConfirmRequest request) {
                return rest.confirm(request);
            }

            @Override
            public CancelOutcome cancelBooking(String bookingRef) {
                return rest.cancelBooking(bookingRef);
            }
        };
    }
}
