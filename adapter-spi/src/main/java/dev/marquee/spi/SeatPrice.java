package dev.marquee.spi;

/**
 * The price of one seat of a category at a show.
 *
 * @param category a {@link Seat#category()} of the hall
 * @param price what one seat of it costs
 */
public record SeatPrice(String category, Money price) {
    public SeatPrice {
        Checks.text(category, "category");
        Checks.required(price, "price");
    }
}
