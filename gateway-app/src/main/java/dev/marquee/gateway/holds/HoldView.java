package dev.marquee.gateway.holds;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.booking.holds.Hold;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A hold as its holder sees it.
 *
 * @param holdId the hold
 * @param showId the show
 * @param seats the held seats with their prices
 * @param total the sum of the prices
 * @param currency the prices' currency
 * @param expiresAt when the hold ends unless checked out
 * @param status HELD, RELEASED or EXPIRED
 * @param token the secret for later calls on this hold; only in the answer that created it
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HoldView(String holdId, String showId, List<SeatView> seats, String total, String currency, Instant expiresAt,
        String status, @Nullable String token) {

    static HoldView of(Hold hold, String token) {
        return new HoldView(hold.id(), hold.showId(),
                hold.seats().stream().map(s -> new SeatView(s.seatId(), s.row(), s.number(), s.category(),
                        s.price().amount().toPlainString())).toList(),
                hold.total().amount().toPlainString(), hold.total().currency(), hold.expiresAt(), hold.status().name(), token);
    }

    /** One held seat. */
    @Serdeable
    public record SeatView(String id, String row, int number, String category, String price) {
    }
}
