package dev.marquee.gateway.catalog.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Answer of {@code GET /api/v1/cities/{cityId}/cinemas}: nearest first when a position was given, else by name. */
@Serdeable
public record CinemaList(List<CinemaEntry> cinemas) {

    /** A cinema; {@code distanceKm} only when a position was given. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CinemaEntry(
            String id,
            String name,
            String address,
            String cityId,
            Location location,
            Refs.ChainRef chain,
            @Nullable Double distanceKm) {
    }
}
