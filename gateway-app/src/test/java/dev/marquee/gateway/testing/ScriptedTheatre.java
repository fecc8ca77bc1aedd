package dev.marquee.gateway.testing;

import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.Cinema;
import dev.marquee.spi.City;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.GeoPoint;
import dev.marquee.spi.Hall;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.Money;
import dev.marquee.spi.Movie;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLayout;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.SeatPrice;
import dev.marquee.spi.Show;
import dev.marquee.spi.ShowStatus;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory chain whose catalogue a test writes, with revision-based cursors like a real chain's.
 * Only the catalogue and seat reads are scripted; locking belongs to other tests.
 */
public final class ScriptedTheatre implements TheatreAdapter {
    private final String chainId;
    private final Map<String, Versioned<Object>> items = new LinkedHashMap<>();
    private long revision;
    private volatile boolean down;

    private record Versioned<T>(T item, long revision) {
    }

    public ScriptedTheatre(String chainId) {
        this.chainId = chainId;
    }

    /** A small chain: one city, one cinema with one 2×3 hall, one movie, the given shows. */
    public static ScriptedTheatre withOneCinema(String chainId, String cityName, String movieTitle, Instant... starts) {
        ScriptedTheatre theatre = new ScriptedTheatre(chainId);
        theatre.put(new City("city-1", cityName, "GB", ZoneId.of("Europe/London")));
        theatre.put(new Cinema("cin-1", "city-1", chainId + " " + cityName, "1 High Street", new GeoPoint(53.48, -2.24)));
        theatre.put(new Hall("hall-1", "cin-1", "Screen 1", layout(2, 3)));
        theatre.put(movie("mov-1", movieTitle));
        int n = 0;
        for (Instant start : starts) {
            theatre.put(show("show-" + (++n), "mov-1", "hall-1", start));
        }
        return theatre;
    }

    public static SeatLayout layout(int rows, int seatsPerRow) {
        List<Seat> seats = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String row = String.valueOf((char) ('A' + r));
            for (int s = 1; s <= seatsPerRow; s++) {
                seats.add(new Seat(row + s, row, s, s, r, r == rows - 1 ? "premium" : "standard"));
            }
        }
        return new SeatLayout(seats);
    }

    public static Movie movie(String ref, String title) {
        return new Movie(ref, title, "A film about " + title.toLowerCase() + ".", List.of("Drama"), Duration.ofMinutes(120),
                "12A", LocalDate.of(2014, 11, 7), null, null);
    }

    public static Show show(String ref, String movieRef, String hallRef, Instant start) {
        return new Show(ref, movieRef, hallRef, start, start.plus(Duration.ofMinutes(140)), "2D", "en", ShowStatus.SCHEDULED,
                List.of(new SeatPrice("standard", Money.of("9.50", "GBP")), new SeatPrice("premium", Money.of("12.00", "GBP"))), 6);
    }

    /** Adds or replaces an item (city, cinema, hall, movie or show) as a new change. */
    public synchronized void put(Object item) {
        String key = item.getClass().getSimpleName() + "/" + ref(item);
        items.put(key, new Versioned<>(item, ++revision));
    }

    public synchronized Show showNamed(String ref) {
        return (Show) items.get("Show/" + ref).item();
    }

    public void goDown(boolean down) {
        this.down = down;
    }

    @Override
    public synchronized CatalogChanges readCatalog(CatalogCursor since) {
        if (down) {
            throw new TheatreUnavailableException(chainId, "scripted outage", null);
        }
        long after = since.isStart() ? 0 : Long.parseLong(since.value());
        List<City> cities = new ArrayList<>();
        List<Cinema> cinemas = new ArrayList<>();
        List<Hall> halls = new ArrayList<>();
        List<Movie> movies = new ArrayList<>();
        List<Show> shows = new ArrayList<>();
        for (Versioned<Object> v : items.values()) {
            if (v.revision() <= after) {
                continue;
            }
            switch (v.item()) {
                case City c -> cities.add(c);
                case Cinema c -> cinemas.add(c);
                case Hall h -> halls.add(h);
                case Movie m -> movies.add(m);
                case Show s -> shows.add(s);
                default -> throw new IllegalStateException(v.item().toString());
            }
        }
        return new CatalogChanges(since.isStart(), cities, cinemas, halls, movies, shows, new CatalogCursor(Long.toString(revision)));
    }

    /** Forgets an item without a change record, as if the chain deleted it outright. */
    public synchronized void forget(Object item) {
        items.remove(item.getClass().getSimpleName() + "/" + ref(item));
    }

    @Override
    public SeatAvailability readSeats(String showRef) {
        if (down) {
            throw new TheatreUnavailableException(chainId, "scripted outage", null);
        }
        return new SeatAvailability(showRef, Set.of(), Set.of(), Instant.now());
    }

    @Override
    public LockOutcome lockSeats(SeatLockRequest request) {
        throw new IllegalStateException("not scripted");
    }

    @Override
    public void releaseLock(String lockRef) {
        throw new IllegalStateException("not scripted");
    }

    @Override
    public ConfirmOutcome confirm(ConfirmRequest request) {
        throw new IllegalStateException("not scripted");
    }

    @Override
    public CancelOutcome cancelBooking(String bookingRef) {
        throw new IllegalStateException("not scripted");
    }

    private static String ref(Object item) {
        return switch (item) {
            case City c -> c.ref();
            case Cinema c -> c.ref();
            case Hall h -> h.ref();
            case Movie m -> m.ref();
            case Show s -> s.ref();
            default -> throw new IllegalArgumentException(item.toString());
        };
    }
}
