package dev.marquee.booking.shows;

import java.time.Instant;
import java.util.Objects;

/**
 * The show as bookings and tickets describe it.
 *
 * @param movieTitle the movie
 * @param cinemaId the gateway cinema id
 * @param cinemaName the cinema
 * @param hallName the hall
 * @param startsAt start
 * @param endsAt end: tickets are worthless afterwards
 */
public record ShowFacts(String movieTitle, String cinemaId, String cinemaName, String hallName, Instant startsAt,
        Instant endsAt) {
    public ShowFacts {
        Objects.requireNonNull(movieTitle, "movieTitle");
        Objects.requireNonNull(cinemaId, "cinemaId");
        Objects.requireNonNull(cinemaName, "cinemaName");
        Objects.requireNonNull(hallName, "hallName");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
    }
}
