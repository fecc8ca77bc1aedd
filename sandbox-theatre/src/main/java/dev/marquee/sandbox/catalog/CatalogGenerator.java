package dev.marquee.sandbox.catalog;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Makes a chain's catalogue from a seed: the same seed and size always give the same ids, names,
 * layouts and schedule (shifted to start today). Plain Java: no framework, no database.
 */
public final class CatalogGenerator {
    /** Trailers and adverts before the film, then cleaning before the next show. */
    static final int MINUTES_BEFORE_FILM = 15;
    static final int MINUTES_TURNAROUND = 15;
    static final LocalTime FIRST_SHOW_EARLIEST = LocalTime.of(10, 0);
    static final LocalTime LAST_SHOW_LATEST = LocalTime.of(23, 0);
    static final int MOVIES_PER_CHAIN = 26;

    private final Clock clock;

    public CatalogGenerator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The chain name a seed gets when none is configured: "Aurora Cinemas" for 1, "Lumen Pictures" for 2, … */
    public static String defaultChainName(long seed) {
        List<String> names = ReferenceData.CHAIN_NAMES;
        if (seed >= 1 && seed <= names.size()) {
            return names.get((int) seed - 1);
        }
        SplittableRandom random = new SplittableRandom(seed);
        return ReferenceData.CHAIN_PREFIXES.get(random.nextInt(ReferenceData.CHAIN_PREFIXES.size())) + " "
                + ReferenceData.CHAIN_SUFFIXES.get(random.nextInt(ReferenceData.CHAIN_SUFFIXES.size()));
    }

    public Catalog generate(long seed, CatalogSize size, String chainName, String currency) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + size.ordinal());
        String brand = chainName.split(" ")[0];
        Pricing pricing = new Pricing(currency);

        List<ReferenceData.CityInfo> cityInfos = weightedSample(ReferenceData.CITIES, size.cities, 6.0, random);
        List<ReferenceData.Film> films = chooseFilms(random);
        List<Catalog.Movie> movies = films.stream().map(CatalogGenerator::movie).toList();

        List<Catalog.City> cities = new ArrayList<>();
        List<Catalog.Cinema> cinemas = new ArrayList<>();
        List<Catalog.Hall> halls = new ArrayList<>();
        List<ZoneId> hallZones = new ArrayList<>();
        List<String> hallLanguages = new ArrayList<>();
        int cinemaNumber = 1000;
        for (ReferenceData.CityInfo info : cityInfos) {
            Catalog.City city = new Catalog.City(cityId(info), info.name(), info.countryCode(), info.timeZone(),
                    info.latitude(), info.longitude());
            cities.add(city);
            List<String> quarters = weightedSample(ReferenceData.CINEMA_QUARTERS, size.cinemasPerCity, 100.0, random);
            for (String quarter : quarters) {
                Catalog.Cinema cinema = cinema(Integer.toString(++cinemaNumber), brand, info, city, quarter, random);
                cinemas.add(cinema);
                int hallCount = random.nextInt(size.minHalls, size.maxHalls + 1);
                for (int h = 1; h <= hallCount; h++) {
                    Catalog.Hall hall = hall(cinema, h, hallCount, random);
                    halls.add(hall);
                    hallZones.add(ZoneId.of(info.timeZone()));
                    hallLanguages.add(info.language());
                }
            }
        }
        List<Catalog.Show> shows = schedule(size, halls, hallZones, hallLanguages, films, movies, random);
        return new Catalog(new Catalog.ChainInfo(chainName, seed, size, currency),
                cities, cinemas, halls, movies, pricing.allTiers(), shows);
    }

    private static List<ReferenceData.Film> chooseFilms(SplittableRandom random) {
        List<ReferenceData.Film> all = ReferenceData.FILMS;
        // Interstellar is on every chain's programme: the gateway's search is tested against it.
        List<ReferenceData.Film> chosen = new ArrayList<>();
        chosen.add(all.get(0));
        chosen.addAll(weightedSample(all.subList(1, all.size()), MOVIES_PER_CHAIN - 1, 12.0, random));
        return chosen;
    }

    /**
     * Picks {@code count} entries without replacement, earlier entries more likely (weight
     * {@code 1 / (1 + index / spread)}), in list order so that ids stay stable.
     */
    static <T> List<T> weightedSample(List<T> items, int count, double spread, SplittableRandom random) {
        if (count >= items.size()) {
            return List.copyOf(items);
        }
        record Keyed<T>(int index, T item, double key) {
        }
        List<Keyed<T>> keyed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            double weight = 1.0 / (1.0 + i / spread);
            // Efraimidis–Spirakis: the largest u^(1/w) win
            keyed.add(new Keyed<>(i, items.get(i), Math.pow(random.nextDouble(), 1.0 / weight)));
        }
        return keyed.stream()
                .sorted(Comparator.comparingDouble((Keyed<T> k) -> k.key()).reversed())
                .limit(count)
                .sorted(Comparator.comparingInt(Keyed::index))
                .map(Keyed::item)
                .toList();
    }

    private static Catalog.Cinema cinema(String id, String brand, ReferenceData.CityInfo info, Catalog.City city,
            String quarter, SplittableRandom random) {
        List<String> streets = ReferenceData.STREETS.getOrDefault(info.language(), ReferenceData.STREETS.get("en"));
        String street = streets.get(random.nextInt(streets.size()));
        int number = random.nextInt(1, 181);
        String address = ReferenceData.NUMBER_FIRST.contains(info.language())
                ? number + " " + street + ", " + info.name()
                : street + " " + number + ", " + info.name();
        double latitude = round6(info.latitude() + gaussian(random) * 0.025);
        double longitude = round6(info.longitude() + gaussian(random) * 0.04);
        return new Catalog.Cinema(id, city.id(), brand + " " + info.name() + " " + quarter, address, latitude, longitude);
    }

    private static Catalog.Hall hall(Catalog.Cinema cinema, int number, int hallCount, SplittableRandom random) {
        boolean imax = hallCount >= 5 && number == 1;
        HallLayouts.Kind kind;
        if (imax) {
            kind = HallLayouts.Kind.IMAX;
        } else if (number <= 2) {
            kind = HallLayouts.Kind.LARGE;
        } else if (number <= 4) {
            kind = HallLayouts.Kind.MEDIUM;
        } else {
            kind = HallLayouts.Kind.SMALL;
        }
        if (hallCount <= 2) {
            kind = number == 1 ? HallLayouts.Kind.MEDIUM : HallLayouts.Kind.SMALL;
        }
        String name = imax ? "IMAX" : "Hall " + number;
        return new Catalog.Hall(cinema.id() + "-" + number, cinema.id(), name, imax, HallLayouts.layout(kind, random));
    }

    private List<Catalog.Show> schedule(CatalogSize size, List<Catalog.Hall> halls, List<ZoneId> zones,
            List<String> languages, List<ReferenceData.Film> films, List<Catalog.Movie> movies, SplittableRandom random) {
        Instant now = clock.instant();
        double[] cumulative = new double[films.size()];
        double total = 0;
        for (int i = 0; i < films.size(); i++) {
            total += 1.0 / (1.0 + i * 0.12);
            cumulative[i] = total;
        }
        List<Catalog.Show> shows = new ArrayList<>(size.cities * size.cinemasPerCity * size.maxHalls * size.days * 5);
        long number = 0;
        int roundRobin = 0;
        for (int day = 0; day < size.days; day++) {
            for (int h = 0; h < halls.size(); h++) {
                Catalog.Hall hall = halls.get(h);
                ZoneId zone = zones.get(h);
                LocalDate date = LocalDate.now(clock.withZone(zone)).plusDays(day);
                LocalTime start = FIRST_SHOW_EARLIEST.plusMinutes(15L * random.nextInt(0, 7));
                while (true) {
                    int filmIndex;
                    // Tomorrow every film of the programme gets a show somewhere, so each one is bookable.
                    if (day == Math.min(1, size.days - 1) && roundRobin < films.size()) {
                        filmIndex = roundRobin++;
                    } else {
                        filmIndex = pick(cumulative, random.nextDouble() * total);
                    }
                    ReferenceData.Film film = films.get(filmIndex);
                    String format = hall.imax() ? "IMAX" : (film.offered3d() && random.nextInt(10) < 3 ? "3D" : "2D");
                    String language = language(film, languages.get(h), random);
                    LocalDateTime localStart = date.atTime(start);
                    Instant startsAt = localStart.atZone(zone).toInstant();
                    Instant endsAt = startsAt.plusSeconds(60L * (MINUTES_BEFORE_FILM + film.runtimeMinutes()));
                    number++;
                    // Shows that already started today are left out; their numbers stay taken so ids do not shift.
                    if (startsAt.isAfter(now)) {
                        shows.add(new Catalog.Show(number, movies.get(filmIndex).id(), hall.id(), startsAt, endsAt,
                                format, language, Pricing.tierFor(format, localStart)));
                    }
                    int cycle = MINUTES_BEFORE_FILM + film.runtimeMinutes() + MINUTES_TURNAROUND;
                    int next = start.getHour() * 60 + start.getMinute() + ((cycle + 14) / 15) * 15;
                    if (next > LAST_SHOW_LATEST.getHour() * 60 + LAST_SHOW_LATEST.getMinute()) {
                        break;
                    }
                    start = LocalTime.of(next / 60, next % 60);
                }
            }
        }
        return shows;
    }

    private static int pick(double[] cumulative, double target) {
        for (int i = 0; i < cumulative.length; i++) {
            if (target < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** English-language films are often dubbed in the big markets; others run in their original language. */
    private static String language(ReferenceData.Film film, String cityLanguage, SplittableRandom random) {
        boolean dubbingMarket = List.of("de", "fr", "es", "it").contains(cityLanguage);
        if (film.language().equals("en") && dubbingMarket && random.nextInt(100) < 35) {
            return cityLanguage;
        }
        return film.language();
    }

    private static Catalog.Movie movie(ReferenceData.Film film) {
        String slug = slug(film.title()) + "-" + film.year();
        return new Catalog.Movie(slug, film.title(), film.synopsis(), film.genres(), film.runtimeMinutes(), film.rating(),
                film.language(), film.releaseDate(),
                "https://img.example.org/posters/" + slug + ".jpg",
                "https://media.example.org/trailers/" + slug + ".mp4");
    }

    static String cityId(ReferenceData.CityInfo info) {
        return slug(info.name()) + "-" + info.countryCode().toLowerCase(Locale.ROOT);
    }

    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static double gaussian(SplittableRandom random) {
        // our own Box–Muller, so that the output does not depend on the JDK's nextGaussian algorithm
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double round6(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
