package dev.marquee.spi;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * A request to lock seats of one show, all or none.
 *
 * @param showRef the show
 * @param seatRefs the seats, at least one, without duplicates
 * @param ttl how long the chain keeps the lock unless it is confirmed or released
 * @param reference the gateway's reference for this lock; the chain treats a repeated reference as
 *     the same request
 */
public record SeatLockRequest(String showRef, List<String> seatRefs, Duration ttl, String reference) {
    public SeatLockRequest {
        Checks.text(showRef, "showRef");
        seatRefs = Checks.list(seatRefs, "seatRefs");
        if (seatRefs.isEmpty()) {
            throw new IllegalArgumentException("seatRefs must not be empty");
        }
        if (new HashSet<>(seatRefs).size() != seatRefs.size()) {
            throw new IllegalArgumentException("seatRefs has duplicates: " + seatRefs);
        }
        Checks.required(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        Checks.text(reference, "reference");
    }
}
