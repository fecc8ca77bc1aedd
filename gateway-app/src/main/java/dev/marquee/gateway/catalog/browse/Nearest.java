package dev.marquee.gateway.catalog.browse;

import dev.marquee.gateway.catalog.Cinema;
import dev.marquee.spi.GeoPoint;
import java.util.Comparator;
import java.util.List;

/** Orders cinemas for a listing: nearest first when the client says where it is, else by name. */
public final class Nearest {
    private Nearest() {
    }

    public static List<Cinema> order(List<Cinema> cinemas, GeoPoint origin) {
        Comparator<Cinema> byName = Comparator.comparing(Cinema::name).thenComparing(Cinema::id);
        if (origin == null) {
            return cinemas.stream().sorted(byName).toList();
        }
        return cinemas.stream()
                .sorted(Comparator.<Cinema>comparingDouble(c -> origin.distanceKmTo(c.location())).thenComparing(byName))
                .toList();
    }

    /** Distance in km to two decimals, or null without an origin. */
    public static Double distanceKm(GeoPoint origin, Cinema cinema) {
        return origin == null ? null : Math.round(origin.distanceKmTo(cinema.location()) * 100) / 100.0;
    }
}
