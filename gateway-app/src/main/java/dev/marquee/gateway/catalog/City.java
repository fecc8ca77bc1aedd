package dev.marquee.gateway.catalog;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A city, merged across chains: chains that list the same city share one.
 *
 * @param id the slug of its name and country ("manchester-gb")
 * @param name its name
 * @param countryCode ISO 3166-1 alpha-2
 * @param timeZone the zone local dates are read in
 */
public record City(String id, String name, String countryCode, ZoneId timeZone) {
    public City {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(timeZone, "timeZone");
    }
}
