package dev.marquee.gateway.catalog.browse;

import dev.marquee.spi.GeoPoint;
import io.micronaut.serde.annotation.Serdeable;

/** Where a cinema is, in decimal degrees (WGS 84). */
@Serdeable
public record Location(double latitude, double longitude) {
    public static Location of(GeoPoint point) {
        return new Location(point.latitude(), point.longitude());
    }
}
