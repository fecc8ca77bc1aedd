package dev.marquee.sandbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.SandboxTestSupport;
import dev.marquee.sandbox.support.TheatreHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@SandboxIntegrationTest
class CatalogReadTest extends SandboxTestSupport {

    @Test
    void pagesOfAFullReadCoverEveryShowAndAreAllComplete() {
        List<TheatreHttp.Answer> pages = readAll(null, 7);

        Set<String> seen = new HashSet<>();
        pages.forEach(page -> page.json().path("shows").forEach(show -> seen.add(show.path("id").asText())));
        assertThat(seen).hasSize(catalog.info().counts().shows());
        assertThat(pages).hasSizeGreaterThan(3).allMatch(page -> page.json().path("complete").asBoolean());
        assertThat(pages.get(pages.size() - 1).json().path("hasMore").asBoolean()).isFalse();
    }

    @Test
    void theFirstPageCarriesCitiesCinemasHallsAndMovies() {
        JsonNode first = http.get("/theatre/v1/catalog?limit=5").json();

        assertThat(first.path("cities")).hasSize(2);
        assertThat(first.path("cinemas")).hasSize(4);
        assertThat(first.path("halls")).hasSize(8);
        assertThat(first.path("halls").get(0).path("seats").size()).isGreaterThan(50);
        assertThat(first.path("movies").findValuesAsText("title")).contains("Interstellar");
        assertThat(first.path("shows")).hasSize(5);
    }

    @Test
    void aReadFromTheLastCursorWithoutChangesRepeatsOnlyRecentRows() {
        String cursor = last(readAll(null, 2000)).text("nextCursor");

        TheatreHttp.Answer again = http.get("/theatre/v1/catalog?since=" + encode(cursor));

        assertThat(again.json().path("complete").asBoolean()).isFalse();
        assertThat(again.json().path("hasMore").asBoolean()).isFalse();
        assertThat(again.json().path("shows").size()).isLessThanOrEqualTo(500);
    }

    @Test
    void anAddedShowAppearsAfterTheCursor() {
        String cursor = last(readAll(null, 2000)).text("nextCursor");
        ShowSeats template = aShow();
        String movieId = firstMovieId();
        Instant startsAt = clock.instant().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);

        String showId = admin.addShow(movieId, template.hallId(), startsAt);

        JsonNode show = findShow(readAll(cursor, 2000), showId);
        assertThat(show).isNotNull();
        assertThat(show.path("startsAt").asText()).isEqualTo(startsAt.toString());
        assertThat(show.path("status").asText()).isEqualTo("SCHEDULED");
    }

    @Test
    void aMovedShowAppearsAfterTheCursorWithItsNewTime() {
        ShowSeats show = aShow();
        String cursor = last(readAll(null, 2000)).text("nextCursor");
        Instant newStart = startOf(show.showId()).plus(Duration.ofHours(1));

        admin.moveShow(show.showId(), newStart);

        assertThat(findShow(readAll(cursor, 2000), show.showId()).path("startsAt").asText()).isEqualTo(newStart.toString());
    }

    @Test
    void aCancelledShowAppearsAfterTheCursorAsCancelled() {
        ShowSeats show = aShow();
        String cursor = last(readAll(null, 2000)).text("nextCursor");

        admin.cancelShow(show.showId());

        assertThat(findShow(readAll(cursor, 2000), show.showId()).path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aLockMakesTheShowComeAgainWithFewerSeatsAvailable() {
        ShowSeats show = aShow();
        List<TheatreHttp.Answer> full = readAll(null, 2000);
        int before = findShow(full, show.showId()).path("seatsAvailable").asInt();

        lock(show.showId(), show.seatIds().subList(0, 3), "three");

        assertThat(findShow(readAll(last(full).text("nextCursor"), 2000), show.showId()).path("seatsAvailable").asInt())
                .isEqualTo(before - 3);
    }

    @Test
    void aChangeCommittedLateWithALowerRevisionIsStillDelivered() {
        ShowSeats show = aShow();
        String cursor = last(readAll(null, 2000)).text("nextCursor");
        long highest = Long.parseLong(cursor.substring(cursor.indexOf('.') + 1));
        // a writer that took its revision before the read and committed after it
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE shows SET language = 'xx', revision = ? WHERE id = ?")) {
                ps.setLong(1, highest - 3);
                ps.setString(2, show.showId());
                return ps.executeUpdate();
            }
        });

        assertThat(findShow(readAll(cursor, 2000), show.showId()).path("language").asText()).isEqualTo("xx");
    }

    @Test
    void showsChangedDuringAPagedReadComeAgainLaterInIt() {
        TheatreHttp.Answer first = http.get("/theatre/v1/catalog?limit=3");
        String changedShow = first.json().path("shows").get(0).path("id").asText();
        ShowSeats seats = showWithId(changedShow);

        lock(changedShow, seats.seatIds().subList(0, 1), "mid-read");
        List<TheatreHttp.Answer> rest = readAll(first.text("nextCursor"), 3);

        assertThat(findShow(rest, changedShow)).isNotNull();
        assertThat(rest).allMatch(page -> page.json().path("complete").asBoolean());
    }

    @Test
    void aMalformedCursorIsABadRequest() {
        TheatreHttp.Answer answer = http.get("/theatre/v1/catalog?since=yesterday");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aLimitOutOfRangeIsABadRequest() {
        assertThat(http.malformed().get("/theatre/v1/catalog?limit=0").status()).isEqualTo(400);
    }

    private List<TheatreHttp.Answer> readAll(String since, int limit) {
        List<TheatreHttp.Answer> pages = new ArrayList<>();
        String cursor = since;
        do {
            TheatreHttp.Answer page = http.get("/theatre/v1/catalog?limit=" + limit + (cursor == null ? "" : "&since=" + encode(cursor)));
            assertThat(page.status()).isEqualTo(200);
            pages.add(page);
            cursor = page.text("nextCursor");
        } while (last(pages).json().path("hasMore").asBoolean());
        return pages;
    }

    private static JsonNode findShow(List<TheatreHttp.Answer> pages, String showId) {
        JsonNode found = null;
        for (TheatreHttp.Answer page : pages) {
            for (JsonNode show : page.json().path("shows")) {
                if (show.path("id").asText().equals(showId)) {
                    found = show; // the last delivery is the newest
                }
            }
        }
        return found;
    }

    private String firstMovieId() {
        return http.get("/theatre/v1/catalog?limit=1").json().path("movies").get(0).path("id").asText();
    }

    private static TheatreHttp.Answer last(List<TheatreHttp.Answer> pages) {
        return pages.get(pages.size() - 1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
