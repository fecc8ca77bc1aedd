package dev.marquee.sandbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogGeneratorTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC);
    private final CatalogGenerator generator = new CatalogGenerator(NOON);

    private Catalog medium(long seed) {
        return generator.generate(seed, CatalogSize.MEDIUM, CatalogGenerator.defaultChainName(seed), "EUR");
    }

    @Test
    void theSameSeedGivesTheSameCatalogue() {
        assertThat(medium(42)).isEqualTo(medium(42));
    }

    @Test
    void differentSeedsGiveDifferentChainsThatShareCitiesAndMovies() {
        Catalog one = medium(1);
        Catalog two = medium(2);

        assertThat(one.chain().name()).isEqualTo("Aurora Cinemas");
        assertThat(two.chain().name()).isEqualTo("Lumen Pictures");
        assertThat(medium(3).chain().name()).isEqualTo("Starlight Screens");
        assertThat(one.cinemas()).isNotEqualTo(two.cinemas());
        Set<String> sharedMovies = ids(one.movies(), Catalog.Movie::id);
        sharedMovies.retainAll(ids(two.movies(), Catalog.Movie::id));
        assertThat(sharedMovies).hasSizeGreaterThanOrEqualTo(18).contains("interstellar-2014");
        Set<String> citiesOfTen = new HashSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            citiesOfTen.addAll(ids(medium(seed).cities(), Catalog.City::id));
        }
        assertThat(citiesOfTen.size()).isLessThan(10 * 5);
    }

    @Test
    void everyChainShowsInterstellarAndAtLeastTwentyFiveMovies() {
        for (long seed = 1; seed <= 20; seed++) {
            Catalog catalog = generator.generate(seed, CatalogSize.SMALL, "Test Cinemas", "EUR");
            assertThat(catalog.movies()).hasSizeGreaterThanOrEqualTo(25);
            assertThat(catalog.shows()).anyMatch(show -> show.movieId().equals("interstellar-2014"));
        }
    }

    @Test
    void moviesHaveEverythingAListingNeeds() {
        for (Catalog.Movie movie : medium(5).movies()) {
            assertThat(movie.description().split("\\. ")).hasSizeBetween(2, 3);
            assertThat(movie.genres()).isNotEmpty();
            assertThat(movie.runtimeMinutes()).isBetween(80, 200);
            assertThat(movie.posterUrl()).isEqualTo("https://img.example.org/posters/" + movie.id() + ".jpg");
            assertThat(movie.releaseDate()).isNotNull();
        }
    }

    @Test
    void seatIdsAreUniqueWithinEachHall() {
        for (Catalog.Hall hall : medium(9).halls()) {
            assertThat(hall.seats().stream().map(Catalog.Seat::id)).doesNotHaveDuplicates();
            assertThat(hall.seats()).allMatch(seat -> seat.id().equals(seat.row() + seat.number()));
        }
    }

    @Test
    void hallsHaveAislesShortFrontRowsPremiumSeatsAndWheelchairSpaces() {
        for (Catalog.Hall hall : medium(11).halls()) {
            Map<String, List<Catalog.Seat>> rows = hall.seats().stream().collect(Collectors.groupingBy(Catalog.Seat::row));
            List<Catalog.Seat> middleRow = rows.get(String.valueOf((char) ('A' + rows.size() / 2)));
            TreeSet<Integer> xs = middleRow.stream().map(Catalog.Seat::x).collect(Collectors.toCollection(TreeSet::new));
            assertThat(xs.last() - xs.first() + 1).as("an aisle leaves a gap in " + hall.id()).isGreaterThan(xs.size());
            assertThat(rows.get("A").size()).as("row A of " + hall.id()).isLessThan(middleRow.size());
            Set<String> categories = hall.seats().stream().map(Catalog.Seat::category).collect(Collectors.toSet());
            assertThat(categories).containsExactlyInAnyOrder("standard", "premium", "wheelchair");
        }
    }

    @Test
    void everyCategoryHasAPriceInEveryTier() {
        Catalog catalog = medium(4);
        Map<String, Long> categoriesPerTier = catalog.priceTiers().stream()
                .collect(Collectors.groupingBy(Catalog.PriceTier::id, Collectors.counting()));

        assertThat(categoriesPerTier).allSatisfy((tier, count) -> assertThat(count).isEqualTo(3));
        assertThat(catalog.shows()).allMatch(show -> categoriesPerTier.containsKey(show.priceTier()));
        assertThat(catalog.priceTiers()).allMatch(tier -> tier.amount().signum() > 0);
    }

    @Test
    void showsRunFromTenToElevenLocalTimeOnTheComingDays() {
        Catalog catalog = medium(6);
        Map<String, ZoneId> zoneOfHall = zoneOfHall(catalog);

        assertThat(catalog.shows()).allSatisfy(show -> {
            LocalTime local = show.startsAt().atZone(zoneOfHall.get(show.hallId())).toLocalTime();
            assertThat(local).isBetween(LocalTime.of(10, 0), LocalTime.of(23, 0));
            assertThat(show.startsAt()).isAfter(NOON.instant()).isBefore(NOON.instant().plus(java.time.Duration.ofDays(15)));
            assertThat(show.endsAt()).isAfter(show.startsAt());
        });
        assertThat(catalog.shows().stream().map(Catalog.Show::format).distinct()).contains("2D", "3D", "IMAX");
    }

    @Test
    void sizesGiveAboutTheCountsPromised() {
        Catalog small = generator.generate(1, CatalogSize.SMALL, "S", "EUR");
        Catalog medium = medium(1);
        Catalog large = generator.generate(1, CatalogSize.LARGE, "L", "EUR");

        assertThat(small.cities()).hasSize(2);
        assertThat(small.cinemas()).hasSize(4);
        assertThat(small.halls()).hasSize(8);
        assertThat(small.shows().size()).isBetween(50, 200);
        assertThat(medium.cities()).hasSize(5);
        assertThat(medium.cinemas()).hasSize(15);
        assertThat(medium.halls().size()).isBetween(60, 90);
        assertThat(medium.shows().size()).isBetween(3000, 7000);
        assertThat(large.shows().size()).isBetween(85_000, 115_000);
    }

    @Test
    void pricesFollowTheCurrency() {
        Catalog inKronor = generator.generate(1, CatalogSize.SMALL, "S", "SEK");

        assertThat(inKronor.priceTiers()).allMatch(tier -> tier.amount().intValue() > 50);
    }

    private static Map<String, ZoneId> zoneOfHall(Catalog catalog) {
        Map<String, String> cityOfCinema = catalog.cinemas().stream()
                .collect(Collectors.toMap(Catalog.Cinema::id, Catalog.Cinema::cityId));
        Map<String, String> zoneOfCity = catalog.cities().stream()
                .collect(Collectors.toMap(Catalog.City::id, Catalog.City::timeZone));
        return catalog.halls().stream().collect(Collectors.toMap(Catalog.Hall::id,
                hall -> ZoneId.of(zoneOfCity.get(cityOfCinema.get(hall.cinemaId())))));
    }

    private static <T> Set<String> ids(List<T> items, Function<T, String> id) {
        return items.stream().map(id).collect(Collectors.toCollection(HashSet::new));
    }
}
