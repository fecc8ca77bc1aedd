package dev.marquee.booking.holds;

import dev.marquee.spi.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Seats of one show locked at its chain for one person for a few minutes.
 *
 * @param id the gateway's hold id, also the lock reference sent to the chain
 * @param showId the gateway show id
 * @param chainId the chain that holds the lock
 * @param email who holds the seats
 * @param seats the held seats with their prices
 * @param status where the hold is
 * @param lockRef the chain's lock id
 * @param createdAt when it was made
 * @param expiresAt when the gateway lets it go, always before the chain would
 * @param chainExpiresAt when the chain drops the lock
 */
public record Hold(
        String id,
        String showId,
        String chainId,
        String email,
        List<HeldSeat> seats,
        HoldStatus status,
        String lockRef,
        Instant createdAt,
        Instant expiresAt,
        Instant chainExpiresAt) {

    public Hold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(showId, "showId");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(email, "email");
        seats = List.copyOf(Objects.requireNonNull(seats, "seats"));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lockRef, "lockRef");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(chainExpiresAt, "chainExpiresAt");
        if (seats.isEmpty()) {
            throw new IllegalArgumentException("a hold has at least one seat");
        }
        if (!expiresAt.isBefore(chainExpiresAt)) {
            throw new IllegalArgumentException("a hold must end before the chain's lock: " + expiresAt + " / " + chainExpiresAt);
        }
    }

    /** The sum of the seats' prices; a show sells in one currency. */
    public Money total() {
        BigDecimal sum = seats.stream().map(s -> s.price().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Money(sum, seats.getFirst().price().currency());
    }

    public List<String> seatIds() {
        return seats.stream().map(HeldSeat::seatId).toList();
    }

    /** Whether it still holds its seats at {@code now}. */
    public boolean isActiveAt(Instant now) {
        return status.isActive() && now.isBefore(expiresAt);
    }

    public Hold withStatus(HoldStatus newStatus) {
        return new Hold(id, showId, chainId, email, seats, newStatus, lockRef, createdAt, expiresAt, chainExpiresAt);
    }
}
