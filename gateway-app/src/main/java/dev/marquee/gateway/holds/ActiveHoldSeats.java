package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.HoldStore;
import dev.marquee.gateway.seating.GatewayHolds;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;

/** The seats of active holds, from the shared database, for the seat map. */
@Singleton
public class ActiveHoldSeats implements GatewayHolds {
    private final HoldStore holds;
    private final Clock clock;

    public ActiveHoldSeats(HoldStore holds, Clock clock) {
        this.holds = holds;
        this.clock = clock;
    }

    @Override
    public Set<String> heldSeats(String showId) {
        return Set.copyOf(holds.seatsHeldAt(showId, clock.instant()));
    }
}
