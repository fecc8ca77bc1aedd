package dev.marquee.booking.testing;

import dev.marquee.booking.holds.HeldSeat;
import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.spi.Seat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A hold as a store keeps it, for store tests: a unique id, seats of {@link ShowBuilder#hall()} at the builder's
 * prices, held for five minutes from {@code now}, the chain's lock lasting 30 s longer.
 */
public final class HoldBuilder {
    private static final Map<String, Seat> HALL = ShowBuilder.hall().stream().collect(Collectors.toMap(Seat::ref, Function.identity()));

    private final Instant now;
    private String id = UniqueIds.next("hld");
    private String showId = UniqueIds.next("show");
    private String email = "ada@example.com";
    private List<String> seats = List.of("A1");
    private HoldStatus status = HoldStatus.HELD;
    private Instant expiresAt;

    private HoldBuilder(Instant now) {
        this.now = now;
        this.expiresAt = now.plus(Duration.ofMinutes(5));
    }

    public static HoldBuilder aHold(Instant now) {
        return new HoldBuilder(now);
    }

    public HoldBuilder id(String id) {
        this.id = id;
        return this;
    }

    public HoldBuilder show(String showId) {
        this.showId = showId;
        return this;
    }

    public HoldBuilder email(String email) {
        this.email = email;
        return this;
    }

    /** Seats of {@link ShowBuilder#hall()}, such as "A1". */
    public HoldBuilder seats(String... seatIds) {
        this.seats = List.of(seatIds);
        return this;
    }

    public HoldBuilder status(HoldStatus status) {
        this.status = status;
        return this;
    }

    public HoldBuilder expiringAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    public Hold build() {
        List<HeldSeat> held = seats.stream().map(HALL::get).map(HoldBuilder::priced).toList();
        return new Hold(id, showId, "chain-1", email, held, status, "lock-" + id, now, expiresAt, expiresAt.plusSeconds(30));
    }

    private static HeldSeat priced(Seat seat) {
        return new HeldSeat(seat.ref(), seat.row(), seat.number(), seat.category(),
                seat.category().equals(ShowBuilder.WHEELCHAIR) ? ShowBuilder.WHEELCHAIR_PRICE : ShowBuilder.STANDARD_PRICE);
    }
}
