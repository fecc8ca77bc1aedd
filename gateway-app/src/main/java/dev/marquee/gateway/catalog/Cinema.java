package dev.marquee.gateway.catalog;

import dev.marquee.spi.GeoPoint;
import java.util.Objects;

/**
 * A cinema of one chain.
 *
 * @param id gateway id, {@code <chainId>:<ref>}
 * @param chainId the chain it belongs to
 * @param cityId the {@link City#id()} it is in
 * @param name its name
 * @param address its address on one line
 * @param location where it is
 */
public record Cinema(String id, String chainId, String cityId, String name, String address, GeoPoint location) {
    public Cinema {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(cityId, "cityId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(location, "location");
    }
}
