package dev.marquee.gateway.catalog.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * Answer of {@code GET /api/v1/shows/{showId}}: any show the catalogue knows, cancelled or past ones too.
 *
 * @param status SCHEDULED or CANCELLED
 * @param onSale scheduled and not started: seats can be held
 * @param prices a price per seat category
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShowDetails(
        String id,
        String status,
        boolean onSale,
        Instant startsAt,
        Instant endsAt,
        String format,
        String language,
        int seatsAvailable,
        MovieEntry movie,
        CinemaEntry cinema,
        CinemaDetails.HallEntry hall,
        List<CategoryPrice> prices,
        @Nullable Price lowestPrice) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MovieEntry(String id, String title, int runtimeMinutes, String rating, @Nullable String posterUrl) {
    }

    @Serdeable
    public record CinemaEntry(String id, String name, String address, String cityId, Refs.ChainRef chain) {
    }

    @Serdeable
    public record CategoryPrice(String category, Price price) {
    }
}
