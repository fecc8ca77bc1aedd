package dev.marquee.gateway.seating;

import java.util.Set;

/**
 * Seats of a show held through the gateway (by any of its instances) and not yet let go. The seat map
 * shows them HELD even when its cached chain answer is older than the hold, so every instance shows a
 * hold at once.
 */
public interface GatewayHolds {
    Set<String> heldSeats(String showId);
}
