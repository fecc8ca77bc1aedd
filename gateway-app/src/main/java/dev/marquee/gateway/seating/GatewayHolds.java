package dev.marquee.gateway.seating;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Seats of a show as holds placed through the gateway (by any of its instances) have them. The seat map lays
 * them over the chain's last answer, so a change made through the gateway shows at once, before the chain is
 * read again.
 */
public interface GatewayHolds {

    /**
     * The show's seats in active holds, and those of holds that ended at or after {@code endedSince}.
     *
     * @param now holds past their expiry count as ended even before the sweeper ends them
     */
    Seats seats(String showId, Instant now, Instant endedSince);

    /**
     * Seats by what the gateway did with them.
     *
     * @param held in active holds: HELD, unless the chain sold them
     * @param letGo of holds released or expired since: AVAILABLE, unless the chain or another hold has them
     * @param booked of holds booked since: SOLD
     */
    record Seats(Set<String> held, Set<String> letGo, Set<String> booked) {
        public static final Seats NONE = new Seats(Set.of(), Set.of(), Set.of());

        public Seats {
            held = Set.copyOf(Objects.requireNonNull(held, "held"));
            letGo = Set.copyOf(Objects.requireNonNull(letGo, "letGo"));
            booked = Set.copyOf(Objects.requireNonNull(booked, "booked"));
        }
    }
}
