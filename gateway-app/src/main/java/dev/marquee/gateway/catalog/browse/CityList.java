package dev.marquee.gateway.catalog.browse;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Answer of {@code GET /api/v1/cities}. */
@Serdeable
public record CityList(List<CityEntry> cities) {

    /** A city with how many cinemas it has. */
    @Serdeable
    public record CityEntry(String id, String name, String countryCode, String timeZone, int cinemaCount) {
    }
}
