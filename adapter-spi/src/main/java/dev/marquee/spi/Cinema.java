package dev.marquee.spi;

/**
 * A cinema (a venue with one or more halls).
 *
 * @param ref the chain's id of the cinema
 * @param cityRef the {@link City#ref()} of its city
 * @param name its name ("Odeon Leicester Square")
 * @param address its postal address on one line
 * @param location where it is
 */
public record Cinema(String ref, String cityRef, String name, String address, GeoPoint location) {
    public Cinema {
        Checks.text(ref, "ref");
        Checks.text(cityRef, "cityRef");
        Checks.text(name, "name");
        Checks.text(address, "address");
        Checks.required(location, "location");
    }
}
