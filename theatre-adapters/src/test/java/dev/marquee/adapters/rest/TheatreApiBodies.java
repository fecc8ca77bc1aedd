package dev.marquee.adapters.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** Small builders of theatre API bodies (contracts/theatre-api.yaml) for stubbing a chain. */
final class TheatreApiBodies {
    static final ObjectMapper JSON = new ObjectMapper();

    private TheatreApiBodies() {
    }

    static ObjectNode city(String id) {
        return JSON.createObjectNode().put("id", id).put("name", "Manchester").put("countryCode", "GB")
                .put("timeZone", "Europe/London");
    }

    static ObjectNode cinema(String id, String cityId) {
        return JSON.createObjectNode().put("id", id).put("cityId", cityId).put("name", "Aurora Deansgate")
                .put("address", "1 Deansgate, Manchester").put("latitude", 53.48).put("longitude", -2.25);
    }

    static ObjectNode hall(String id, String cinemaId, String... seatIds) {
        ObjectNode hall = JSON.createObjectNode().put("id", id).put("cinemaId", cinemaId).put("name", "Screen " + id);
        ArrayNode seats = hall.putArray("seats");
        for (int i = 0; i < seatIds.length; i++) {
            seats.addObject().put("id", seatIds[i]).put("row", seatIds[i].substring(0, 1)).put("number", i + 1)
                    .put("x", i).put("y", 0).put("category", "standard");
        }
        return hall;
    }

    static ObjectNode movie(String id) {
        ObjectNode movie = JSON.createObjectNode().put("id", id).put("title", "Interstellar")
                .put("description", "Explorers travel through a wormhole.").put("runtimeMinutes", 169).put("rating", "12A")
                .put("releaseDate", "2014-11-07").put("posterUrl", "https://img.example/interstellar.jpg");
        movie.putNull("trailerUrl");
        movie.putArray("genres").add("Science Fiction");
        return movie;
    }

    static ObjectNode show(String id, String movieId, String hallId, Instant startsAt) {
        ObjectNode show = JSON.createObjectNode().put("id", id).put("movieId", movieId).put("hallId", hallId)
                .put("startsAt", startsAt.toString()).put("endsAt", startsAt.plusSeconds(3 * 3600).toString())
                .put("format", "2D").put("language", "en").put("status", "SCHEDULED").put("seatsAvailable", 3);
        show.putArray("prices").addObject().put("category", "standard").put("amount", "11.50").put("currency", "GBP");
        return show;
    }

    static CatalogPageBuilder page(String nextCursor) {
        return new CatalogPageBuilder(nextCursor);
    }

    static ObjectNode seats(String showId, List<String> held, List<String> sold) {
        ObjectNode seats = JSON.createObjectNode().put("showId", showId).put("readAt", "2026-11-21T19:30:00Z");
        held.forEach(seats.putArray("held")::add);
        sold.forEach(seats.putArray("sold")::add);
        return seats;
    }

    static ObjectNode lock(String lockId, String showId, List<String> seatIds, Instant expiresAt, String reference) {
        ObjectNode lock = JSON.createObjectNode().put("lockId", lockId).put("showId", showId)
                .put("expiresAt", expiresAt.toString()).put("reference", reference);
        seatIds.forEach(lock.putArray("seatIds")::add);
        return lock;
    }

    static ObjectNode booking(String bookingId, String lockId, String status, List<String> seatIds) {
        ObjectNode booking = JSON.createObjectNode().put("bookingId", bookingId).put("lockId", lockId).put("showId", "s1")
                .put("status", status).put("reference", "gw-booking-1");
        ArrayNode tickets = booking.putArray("tickets");
        seatIds.forEach(seat -> tickets.addObject().put("seatId", seat).put("ticketId", "T-" + bookingId + "-" + seat));
        return booking;
    }

    static ObjectNode problem(int status, String title) {
        return JSON.createObjectNode().put("type", "https://theatre.example/problems/" + status).put("title", title)
                .put("status", status).put("detail", title + " (detail)");
    }

    static final class CatalogPageBuilder {
        private final ObjectNode page = JSON.createObjectNode();

        private CatalogPageBuilder(String nextCursor) {
            page.put("complete", true).put("hasMore", false).put("nextCursor", nextCursor);
            for (String list : List.of("cities", "cinemas", "halls", "movies", "shows")) {
                page.putArray(list);
            }
        }

        CatalogPageBuilder complete(boolean complete) {
            page.put("complete", complete);
            return this;
        }

        CatalogPageBuilder hasMore() {
            page.put("hasMore", true);
            return this;
        }

        CatalogPageBuilder with(String list, ObjectNode... items) {
            for (ObjectNode item : items) {
                ((ArrayNode) page.get(list)).add(item);
            }
            return this;
        }

        ObjectNode build() {
            return page;
        }
    }
}
