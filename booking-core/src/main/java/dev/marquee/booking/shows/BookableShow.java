package dev.marquee.booking.shows;

import dev.marquee.spi.Money;
import dev.marquee.spi.Seat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the booking rules need to know of a show: where it is sold, its seats and prices, and what
 * tickets and emails say about it.
 *
 * @param id the gateway show id
 * @param chainId the chain that sells it
 * @param ref the chain's id of the show
 * @param cancelled whether the chain cancelled it
 * @param seats the seats of its hall
 * @param prices the price of each seat category it sells
 * @param facts what tickets and emails say about it
 */
public record BookableShow(String id, String chainId, String ref, boolean cancelled, List<Seat> seats,
        Map<String, Money> prices, ShowFacts facts) {

    public BookableShow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(ref, "ref");
        seats = List.copyOf(Objects.requireNonNull(seats, "seats"));
        prices = Map.copyOf(Objects.requireNonNull(prices, "prices"));
        Objects.requireNonNull(facts, "facts");
    }

    /** Whether it can still be booked at {@code now}: not cancelled and not started. */
    public boolean isOnSale(Instant now) {
        return !cancelled && facts.startsAt().isAfter(now);
    }

    /** Why it cannot be booked at {@code now}, for people. */
    public String whyNotOnSale() {
        return "show " + id + " is " + (cancelled ? "cancelled" : "no longer on sale: it started at " + facts.startsAt());
    }

    public Optional<Money> priceOf(String category) {
        return Optional.ofNullable(prices.get(category));
    }
}
