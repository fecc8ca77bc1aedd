package dev.marquee.gateway.catalog.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.Show;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One show in a listing.
 *
 * @param movie set in listings of a cinema (several movies), absent in listings of one movie
 * @param lowestPrice the cheapest seat category, absent when the chain sent no prices
 * @param seatsAvailable free seats when the chain last said (the seat map is live)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShowSlot(
        String id,
        @Nullable Refs.MovieRef movie,
        Instant startsAt,
        Instant endsAt,
        Refs.HallRef hall,
        String format,
        String language,
        @Nullable Price lowestPrice,
        int seatsAvailable) {

    static ShowSlot of(Show show, Catalog catalog, boolean withMovie) {
        Refs.MovieRef movie = withMovie
                ? catalog.movie(show.movieId()).map(m -> new Refs.MovieRef(m.id(), m.title())).orElse(new Refs.MovieRef(show.movieId(), show.movieId()))
                : null;
        Refs.HallRef hall = new Refs.HallRef(show.hallId(), catalog.hall(show.hallId()).map(h -> h.name()).orElse(show.hallId()));
        return new ShowSlot(show.id(), movie, show.startsAt(), show.endsAt(), hall, show.format(), show.language(),
                show.lowestPrice().map(Price::of).orElse(null), show.seatsAvailable());
    }
}
