package dev.marquee.gateway.booking;

import dev.marquee.gateway.seating.GatewayHolds;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;

/** The seats of active holds, from the shared database, for the seat map. */
@Singleton
public class ActiveHoldSeats implements GatewayHolds {
    private final HoldRepository holds;
    private final Clock clock;

    public ActiveHoldSeats(HoldRepository holds, Clock clock) {
        this.holds = holds;
        this.clock = clock;
    }

    @Override
    public Set<String> heldSeats(String showId) {
        return Set.copyOf(holds.seatsHeldAt(showId, clock.instant()));
    }
}
