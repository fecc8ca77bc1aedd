package dev.marquee.adapters.rest;

import dev.marquee.spi.Cinema;
import dev.marquee.spi.City;
import dev.marquee.spi.GeoPoint;
import dev.marquee.spi.Hall;
import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.LockLookup;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.Money;
import dev.marquee.spi.Movie;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLayout;
import dev.marquee.spi.SeatPrice;
import dev.marquee.spi.Show;
import dev.marquee.spi.ShowStatus;
import dev.marquee.spi.TheatreTicket;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Maps the theatre API's JSON schemas ({@code contracts/theatre-api.yaml}) to the SPI's records. Every
 * method throws {@link MalformedJsonException} or the records' {@link IllegalArgumentException} when the
 * chain's answer breaks the schema.
 */
final class TheatreJson {
    private TheatreJson() {
    }

    /** One {@code CatalogPage}. */
    record CatalogPage(
            boolean complete,
            boolean hasMore,
            String nextCursor,
            List<City> cities,
            List<Cinema> cinemas,
            List<Hall> halls,
            List<Movie> movies,
            List<Show> shows) {
    }

    /** A {@code Booking}'s ids, status and tickets. */
    record Booking(String bookingId, String lockId, String status, List<TheatreTicket> tickets) {
    }

    static CatalogPage catalogPage(JsonObject page) {
        return new CatalogPage(
                page.bool("complete"),
                page.bool("hasMore"),
                page.text("nextCursor"),
                page.objects("cities").stream().map(TheatreJson::city).toList(),
                page.objects("cinemas").stream().map(TheatreJson::cinema).toList(),
                page.objects("halls").stream().map(TheatreJson::hall).toList(),
                page.objects("movies").stream().map(TheatreJson::movie).toList(),
                page.objects("shows").stream().map(TheatreJson::show).toList());
    }

    static City city(JsonObject city) {
        String zone = city.text("timeZone");
        ZoneId timeZone;
        try {
            timeZone = ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new MalformedJsonException(city.path() + ".timeZone is not a time zone: " + zone);
        }
        return new City(city.text("id"), city.text("name"), city.text("countryCode"), timeZone);
    }

    static Cinema cinema(JsonObject cinema) {
        return new Cinema(
                cinema.text("id"),
                cinema.text("cityId"),
                cinema.text("name"),
                cinema.text("address"),
                new GeoPoint(cinema.number("latitude"), cinema.number("longitude")));
    }

    static Hall hall(JsonObject hall) {
        List<Seat> seats = hall.objects("seats").stream().map(TheatreJson::seat).toList();
        return new Hall(hall.text("id"), hall.text("cinemaId"), hall.text("name"), new SeatLayout(seats));
    }

    static Seat seat(JsonObject seat) {
        return new Seat(
                seat.text("id"),
                seat.text("row"),
                seat.integer("number"),
                seat.integer("x"),
                seat.integer("y"),
                seat.text("category"));
    }

    static Movie movie(JsonObject movie) {
        int runtimeMinutes = movie.integer("runtimeMinutes");
        String releaseDate = movie.optionalText("releaseDate");
        return new Movie(
                movie.text("id"),
                movie.text("title"),
                movie.text("description"),
                movie.texts("genres"),
                Duration.ofMinutes(runtimeMinutes),
                movie.text("rating"),
                releaseDate == null ? null : LocalDate.parse(releaseDate),
                uri(movie, "posterUrl"),
                uri(movie, "trailerUrl"));
    }

    static Show show(JsonObject show) {
        String status = show.text("status");
        ShowStatus showStatus;
        try {
            showStatus = ShowStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException(show.path() + ".status is not SCHEDULED or CANCELLED: " + status);
        }
        return new Show(
                show.text("id"),
                show.text("movieId"),
                show.text("hallId"),
                show.instant("startsAt"),
                show.instant("endsAt"),
                show.text("format"),
                show.text("language"),
                showStatus,
                show.objects("prices").stream().map(TheatreJson::price).toList(),
                show.integer("seatsAvailable"));
    }

    static SeatPrice price(JsonObject price) {
        String amount = price.text("amount");
        if (!amount.matches("[0-9]+(\\.[0-9]+)?")) {
            throw new MalformedJsonException(price.path() + ".amount is not a decimal: " + amount);
        }
        return new SeatPrice(price.text("category"), new Money(new BigDecimal(amount), price.text("currency")));
    }

    static SeatAvailability seatAvailability(JsonObject seats) {
        List<String> held = seats.texts("held");
        List<String> sold = seats.texts("sold");
        return new SeatAvailability(seats.text("showId"), new HashSet<>(held), new HashSet<>(sold), seats.instant("readAt"));
    }

    static LockOutcome.Locked lock(JsonObject lock) {
        // The other required fields are checked so that a half-written answer is not taken for a lock.
        lock.text("showId");
        lock.texts("seatIds");
        lock.text("reference");
        return new LockOutcome.Locked(lock.text("lockId"), lock.instant("expiresAt"));
    }

    static Booking booking(JsonObject booking) {
        booking.text("showId");
        booking.text("reference");
        List<TheatreTicket> tickets = booking.objects("tickets").stream()
                .map(ticket -> new TheatreTicket(ticket.text("seatId"), ticket.text("ticketId")))
                .toList();
        return new Booking(booking.text("bookingId"), booking.text("lockId"), booking.text("status"), tickets);
    }

    /**
     * A {@code FoundLocks} answer: a confirmed lock before a live one, so that the answer never hides a booking.
     * Every lock must be of the show and reference asked for.
     */
    static LockLookup lockLookup(JsonObject found, String showRef, String reference) {
        Optional<LockLookup.Held> held = Optional.empty();
        for (JsonObject lock : found.objects("locks")) {
            if (!lock.text("showId").equals(showRef) || !lock.text("reference").equals(reference)) {
                throw new MalformedJsonException(lock.path() + " is lock " + lock.text("lockId") + " of show "
                        + lock.text("showId") + " with reference " + lock.text("reference") + ", not the one asked for");
            }
            String status = lock.text("status");
            switch (status) {
                case "CONFIRMED" -> {
                    Booking booking = booking(lock.object("booking"));
                    return new LockLookup.Confirmed(lock.text("lockId"), booking.bookingId(), booking.tickets());
                }
                case "ACTIVE" -> {
                    if (held.isEmpty()) {
                        held = Optional.of(new LockLookup.Held(lock.text("lockId"), lock.texts("seatIds"), lock.instant("expiresAt")));
                    }
                }
                default -> throw new MalformedJsonException(lock.path() + ".status is not ACTIVE or CONFIRMED: " + status);
            }
        }
        return held.<LockLookup>map(h -> h).orElseGet(LockLookup.Gone::new);
    }

    /** A {@code FoundBookings} answer: a standing booking before a cancelled one. Every booking must have the reference asked for. */
    static BookingLookup bookingLookup(JsonObject found, String reference) {
        Optional<BookingLookup.Cancelled> cancelled = Optional.empty();
        for (JsonObject object : found.objects("bookings")) {
            if (!object.text("reference").equals(reference)) {
                throw new MalformedJsonException(object.path() + " has reference " + object.text("reference") + ", not the one asked for");
            }
            Booking booking = booking(object);
            switch (booking.status()) {
                case "CONFIRMED" -> {
                    return new BookingLookup.Booked(booking.bookingId(), booking.tickets());
                }
                case "CANCELLED" -> {
                    if (cancelled.isEmpty()) {
                        cancelled = Optional.of(new BookingLookup.Cancelled(booking.bookingId()));
                    }
                }
                default -> throw new MalformedJsonException(object.path() + ".status is not CONFIRMED or CANCELLED: " + booking.status());
            }
        }
        return cancelled.<BookingLookup>map(c -> c).orElseGet(BookingLookup.NotFound::new);
    }

    private static URI uri(JsonObject object, String field) {
        String text = object.optionalText(field);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new MalformedJsonException(object.path() + "." + field + " is not a URI: " + text);
        }
    }
}
