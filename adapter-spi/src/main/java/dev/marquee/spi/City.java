package dev.marquee.spi;

import java.time.ZoneId;

/**
 * A city where the chain has cinemas.
 *
 * @param ref the chain's id of the city
 * @param name its name, as shown to people ("Manchester")
 * @param countryCode ISO 3166-1 alpha-2 code ("GB")
 * @param timeZone the zone its show times are local to
 */
public record City(String ref, String name, String countryCode, ZoneId timeZone) {
    public City {
        Checks.text(ref, "ref");
        Checks.text(name, "name");
        Checks.text(countryCode, "countryCode");
        Checks.required(timeZone, "timeZone");
    }
}
