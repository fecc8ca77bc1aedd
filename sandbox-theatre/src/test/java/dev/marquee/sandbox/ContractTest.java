package dev.marquee.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.SandboxTestSupport;
import dev.marquee.sandbox.support.TheatreHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every theatre API operation, in its success and error answers. TheatreHttp checks each exchange
 * against contracts/theatre-api.yaml; these tests make sure every documented answer is produced.
 */
@SandboxIntegrationTest
class ContractTest extends SandboxTestSupport {

    @Test
    void readCatalogAnswersConform() {
        assertThat(http.get("/theatre/v1/catalog").status()).isEqualTo(200);
        assertThat(http.get("/theatre/v1/catalog?limit=1&since=r.0").status()).isEqualTo(200);
        assertThat(http.get("/theatre/v1/catalog?since=nonsense").status()).isEqualTo(400);
        assertThat(http.malformed().get("/theatre/v1/catalog?limit=10001").status()).isEqualTo(400);
    }

    @Test
    void readSeatsAnswersConform() {
        ShowSeats show = aShow();
        lock(show.showId(), show.seatIds().subList(0, 1), "held");
        confirm(lock(show.showId(), show.seatIds().subList(1, 2), "sold").text("lockId"), "b");

        TheatreHttp.Answer seats = http.get("/theatre/v1/shows/" + show.showId() + "/seats");
        assertThat(seats.status()).isEqualTo(200);
        assertThat(texts(seats.json().path("held"))).containsExactly(show.seatIds().get(0));
        assertThat(texts(seats.json().path("sold"))).containsExactly(show.seatIds().get(1));
        assertThat(http.get("/theatre/v1/shows/no-such-show/seats").status()).isEqualTo(404);
    }

    @Test
    void lockSeatsAnswersConform() {
        ShowSeats show = aShow();
        List<String> seats = show.seatIds().subList(0, 2);
        assertThat(lock(show.showId(), seats, "a").status()).isEqualTo(201);
        assertThat(lock(show.showId(), seats, "a").status()).isEqualTo(200);
        assertThat(lock(show.showId(), seats, "b").status()).isEqualTo(409);
        assertThat(lock("no-such-show", seats, "c").status()).isEqualTo(422);
        assertThat(lock(show.showId(), List.of("Q1000"), "d").status()).isEqualTo(422);
        assertThat(http.malformed().post("/theatre/v1/locks", TheatreHttp.json(Map.of("showId", show.showId(), "reference", "e")))
                .status()).isEqualTo(400);
    }

    @Test
    void malformedJsonIsAProblem() {
        TheatreHttp.Answer answer = http.malformed().post("/theatre/v1/locks", "{not json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void releaseLockAnswersConform() {
        ShowSeats show = aShow();
        String released = lock(show.showId(), show.seatIds().subList(0, 1), "r").text("lockId");
        String confirmed = lock(show.showId(), show.seatIds().subList(1, 2), "c").text("lockId");
        confirm(confirmed, "b");

        assertThat(http.delete("/theatre/v1/locks/" + released).status()).isEqualTo(204);
        assertThat(http.delete("/theatre/v1/locks/" + released).status()).isEqualTo(204);
        assertThat(http.delete("/theatre/v1/locks/" + confirmed).status()).isEqualTo(409);
    }

    @Test
    void confirmLockAnswersConform() {
        ShowSeats show = aShow();
        String lockId = lock(show.showId(), show.seatIds().subList(0, 2), "r").text("lockId");
        String expiring = lock(show.showId(), show.seatIds().subList(2, 3), "x").text("lockId");

        assertThat(confirm(lockId, "b").status()).isEqualTo(201);
        assertThat(confirm(lockId, "b").status()).isEqualTo(409);
        assertThat(http.malformed().post("/theatre/v1/locks/" + expiring + "/confirm", "{}").status()).isEqualTo(400);
        clock.advance(Duration.ofMinutes(10));
        assertThat(confirm(expiring, "b").status()).isEqualTo(410);
        assertThat(confirm("lk-none", "b").status()).isEqualTo(410);
    }

    @Test
    void bookingAnswersConform() {
        ShowSeats show = aShow();
        String bookingId = confirm(lock(show.showId(), show.seatIds().subList(0, 2), "r").text("lockId"), "b").text("bookingId");
        String startedId = confirm(lock(show.showId(), show.seatIds().subList(2, 3), "s").text("lockId"), "b2").text("bookingId");

        assertThat(http.get("/theatre/v1/bookings/" + bookingId).status()).isEqualTo(200);
        assertThat(http.get("/theatre/v1/bookings/bk-none").status()).isEqualTo(404);
        assertThat(http.post("/theatre/v1/bookings/" + bookingId + "/cancel", null).status()).isEqualTo(200);
        assertThat(http.post("/theatre/v1/bookings/bk-none/cancel", null).status()).isEqualTo(404);
        clock.advance(Duration.between(clock.instant(), startOf(show.showId())).plusSeconds(1));
        assertThat(http.post("/theatre/v1/bookings/" + startedId + "/cancel", null).status()).isEqualTo(422);
    }

    @Test
    void findLocksAnswersConform() {
        ShowSeats show = aShow();
        lock(show.showId(), show.seatIds().subList(0, 1), "held");
        confirm(lock(show.showId(), show.seatIds().subList(1, 2), "sold").text("lockId"), "b");

        assertThat(http.get("/theatre/v1/locks?showId=" + show.showId() + "&reference=held").status()).isEqualTo(200);
        assertThat(http.get("/theatre/v1/locks?showId=" + show.showId() + "&reference=sold").status()).isEqualTo(200);
        assertThat(http.get("/theatre/v1/locks?showId=" + show.showId() + "&reference=none").status()).isEqualTo(200);
        assertThat(http.malformed().get("/theatre/v1/locks?showId=" + show.showId()).status()).isEqualTo(400);
        assertThat(http.malformed().get("/theatre/v1/locks?reference=held").status()).isEqualTo(400);
    }

    @Test
    void findBookingsAnswersConform() {
        ShowSeats show = aShow();
        String bookingId = confirm(lock(show.showId(), show.seatIds().subList(0, 1), "r").text("lockId"), "b-found").text("bookingId");
        http.post("/theatre/v1/bookings/" + bookingId + "/cancel", null);

        assertThat(http.get("/theatre/v1/bookings?reference=b-found").status()).isEqualTo(200);
        assertThat(http.get("/theatre/v1/bookings?reference=b-none").status()).isEqualTo(200);
        assertThat(http.malformed().get("/theatre/v1/bookings").status()).isEqualTo(400);
        assertThat(http.malformed().get("/theatre/v1/bookings?reference=" + "x".repeat(101)).status()).isEqualTo(400);
    }
}
