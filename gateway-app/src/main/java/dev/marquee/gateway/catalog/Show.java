package dev.marquee.gateway.catalog;

import dev.marquee.spi.Money;
import dev.marquee.spi.SeatPrice;
import dev.marquee.spi.ShowStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One screening, as last synced from its chain.
 *
 * @param id gateway id, {@code <chainId>:<ref>}
 * @param chainId the chain it belongs to
 * @param ref the chain's id of the show
 * @param movieId the {@link Movie#id()}
 * @param cinemaId the {@link Cinema#id()}
 * @param hallId the {@link Hall#id()}
 * @param startsAt start
 * @param endsAt end
 * @param format "2D", "3D", "IMAX"…
 * @param language spoken language
 * @param status scheduled or cancelled
 * @param prices a price per seat category
 * @param seatsAvailable free seats when the chain last said
 */
public record Show(
        String id,
        String chainId,
        String ref,
        String movieId,
        String cinemaId,
        String hallId,
        Instant startsAt,
        Instant endsAt,
        String format,
        String language,
        ShowStatus status,
        List<SeatPrice> prices,
        int seatsAvailable) {

    public Show {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(movieId, "movieId");
        Objects.requireNonNull(cinemaId, "cinemaId");
        Objects.requireNonNull(hallId, "hallId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(status, "status");
        prices = List.copyOf(Objects.requireNonNull(prices, "prices"));
    }

    /** The cheapest seat category's price, if the show has prices. */
    public Optional<Money> lowestPrice() {
        return prices.stream().map(SeatPrice::price).min(Comparator.comparing(Money::amount));
    }

    /** The price of a seat category, if the show sells it. */
    public Optional<Money> priceOf(String category) {
        return prices.stream().filter(p -> p.category().equals(category)).map(SeatPrice::price).findFirst();
    }

    /** Whether it can still be booked at {@code now}: scheduled and not started. */
    public boolean isOnSale(Instant now) {
        return status == ShowStatus.SCHEDULED && startsAt.isAfter(now);
    }
}
