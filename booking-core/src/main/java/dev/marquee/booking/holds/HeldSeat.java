package dev.marquee.booking.holds;

import dev.marquee.spi.Money;
import java.util.Objects;

/**
 * One seat of a hold with the price it was held at.
 *
 * @param seatId the chain's seat ref ("F12")
 * @param row its row label
 * @param number its number in the row
 * @param category its price category
 * @param price what it costs at this show
 */
public record HeldSeat(String seatId, String row, int number, String category, Money price) {
    public HeldSeat {
        Objects.requireNonNull(seatId, "seatId");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(price, "price");
    }
}
