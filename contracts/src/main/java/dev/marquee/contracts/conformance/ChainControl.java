package dev.marquee.contracts.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the conformance kit needs to change at the chain behind an adapter, bypassing the adapter: the
 * things a chain's own staff do. A test class implements it over whatever drives its chain (the
 * sandbox's admin API, SQL on the chain's database, …).
 */
public interface ChainControl {

    /** Adds a scheduled show of a movie in a hall; returns the chain's id of the new show. */
    String addShow(String movieRef, String hallRef, Instant startsAt);

    /** Moves a show to another start time in the same hall. */
    void moveShow(String showRef, Instant startsAt);

    /** Calls a show off: it is listed as cancelled and refuses locks. */
    void cancelShow(String showRef);

    /** Sells seats at the chain's own box office; they must all be free. */
    void sell(String showRef, List<String> seatRefs);

    /**
     * The shortest lock TTL worth testing expiry with at this chain: the kit locks for this long and waits
     * for the seats to come free.
     */
    default Duration shortLockTtl() {
        return Duration.ofSeconds(2);
    }

    /** How long after a lock's TTL the chain may still hold its seats (expiry sweeps, clock skew). */
    default Duration expiryGrace() {
        return Duration.ofSeconds(10);
    }
}
