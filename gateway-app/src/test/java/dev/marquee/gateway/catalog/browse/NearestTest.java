package dev.marquee.gateway.catalog.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.Cinema;
import dev.marquee.gateway.catalog.Cinemas;
import dev.marquee.spi.GeoPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestTest {
    private final Catalog catalog = Cinemas.standard();

    @Test
    void cinemasAreOrderedByDistanceFromTheClient() {
        GeoPoint client = new GeoPoint(Cinemas.NEAR_DEANSGATE_LAT, Cinemas.NEAR_DEANSGATE_LON);

        List<Cinema> ordered = Nearest.order(catalog.cinemasIn("manchester-gb"), client);

        assertThat(ordered).extracting(Cinema::name)
                .containsExactly("Aurora Deansgate", "Regal Printworks", "Aurora Salford Quays");
    }

    @Test
    void aClientAtSalfordQuaysSeesItFirst() {
        List<Cinema> ordered = Nearest.order(catalog.cinemasIn("manchester-gb"), new GeoPoint(53.4713, -2.2970));

        assertThat(ordered.getFirst().name()).isEqualTo("Aurora Salford Quays");
    }

    @Test
    void withoutAPositionCinemasAreOrderedByName() {
        List<Cinema> ordered = Nearest.order(List.copyOf(catalog.cinemasIn("manchester-gb")).reversed(), null);

        assertThat(ordered).extracting(Cinema::name)
                .containsExactly("Aurora Deansgate", "Aurora Salford Quays", "Regal Printworks");
    }

    @Test
    void distancesAreRoundedKilometres() {
        Cinema deansgate = catalog.cinema("aurora:1").orElseThrow();

        assertThat(Nearest.distanceKm(new GeoPoint(53.4794, -2.2453), deansgate)).isZero();
        assertThat(Nearest.distanceKm(new GeoPoint(53.4713, -2.2970), deansgate)).isBetween(3.0, 4.0);
        assertThat(Nearest.distanceKm(null, deansgate)).isNull();
    }
}
