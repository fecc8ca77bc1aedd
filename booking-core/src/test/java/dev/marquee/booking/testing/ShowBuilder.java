package dev.marquee.booking.testing;

import dev.marquee.booking.shows.BookableShow;
import dev.marquee.booking.shows.ShowFacts;
import dev.marquee.spi.Money;
import dev.marquee.spi.Seat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bookable show for tests: by default {@code show-1} of chain {@code chain-1}, a hall of rows A–C with seats
 * 1–8 (C1 and C2 are "wheelchair", the rest "standard"), 12.50 EUR standard and 8.00 EUR wheelchair, starting
 * two days after the clock's now and lasting two hours.
 */
public final class ShowBuilder {
    public static final String STANDARD = "standard";
    public static final String WHEELCHAIR = "wheelchair";
    public static final Money STANDARD_PRICE = Money.of("12.50", "EUR");
    public static final Money WHEELCHAIR_PRICE = Money.of("8.00", "EUR");

    private String id = "show-1";
    private String chainId = "chain-1";
    private String ref;
    private boolean cancelled;
    private Instant startsAt;
    private final Map<String, Money> prices = new LinkedHashMap<>(Map.of(STANDARD, STANDARD_PRICE, WHEELCHAIR, WHEELCHAIR_PRICE));

    private ShowBuilder(Instant now) {
        this.startsAt = now.plus(Duration.ofDays(2));
    }

    public static ShowBuilder aShow(Clock clock) {
        return new ShowBuilder(clock.instant());
    }

    public static ShowBuilder aShow(Instant now) {
        return new ShowBuilder(now);
    }

    /** The hall: rows A–C, seats 1–8, C1 and C2 for wheelchairs. */
    public static List<Seat> hall() {
        List<Seat> seats = new ArrayList<>();
        for (int y = 0; y < 3; y++) {
            String row = String.valueOf((char) ('A' + y));
            for (int n = 1; n <= 8; n++) {
                seats.add(new Seat(row + n, row, n, n, y, row.equals("C") && n <= 2 ? WHEELCHAIR : STANDARD));
            }
        }
        return List.copyOf(seats);
    }

    public ShowBuilder id(String id) {
        this.id = id;
        return this;
    }

    public ShowBuilder chain(String chainId) {
        this.chainId = chainId;
        return this;
    }

    /** The chain's id of the show; {@code ref-} and the show id unless set. */
    public ShowBuilder ref(String ref) {
        this.ref = ref;
        return this;
    }

    public ShowBuilder cancelled() {
        this.cancelled = true;
        return this;
    }

    public ShowBuilder startingAt(Instant startsAt) {
        this.startsAt = startsAt;
        return this;
    }

    /** The show does not sell this category, though its hall has such seats. */
    public ShowBuilder withoutPriceFor(String category) {
        prices.remove(category);
        return this;
    }

    public BookableShow build() {
        ShowFacts facts = new ShowFacts("Paris, Texas", "cinema-1", "Marquee Central", "Screen 1", startsAt,
                startsAt.plus(Duration.ofHours(2)));
        return new BookableShow(id, chainId, ref == null ? "ref-" + id : ref, cancelled, hall(), prices, facts);
    }
}
