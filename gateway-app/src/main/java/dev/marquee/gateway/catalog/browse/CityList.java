package dev.marquee.gateway.catalog.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Answer of {@code GET /api/v1/cities}. */
// Serde leaves out empty lists by default; the document requires them, empty or not.
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CityList(List<CityEntry> cities) {

    /** A city with how many cinemas it has. */
    @Serdeable
    public record CityEntry(String id, String name, String countryCode, String timeZone, int cinemaCount) {
    }
}
