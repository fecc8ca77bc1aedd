package dev.marquee.sandbox.booking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.contracts.sandbox.BoxOfficeSale;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.SandboxTestSupport;
import dev.marquee.sandbox.support.TheatreHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SandboxIntegrationTest
class SeatLockingTest extends SandboxTestSupport {

    @Test
    void lockingFreeSeatsLocksThemUntilTheDefaultTtl() {
        ShowSeats show = aShow();
        Instant before = clock.instant();

        TheatreHttp.Answer answer = lock(show.showId(), show.seatIds().subList(0, 2), "order-1");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(texts(answer.json().path("seatIds"))).isEqualTo(show.seatIds().subList(0, 2));
        assertThat(Instant.parse(answer.text("expiresAt"))).isBetween(before.plus(Duration.ofMinutes(5)).minusSeconds(1),
                clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(texts(http.get("/theatre/v1/shows/" + show.showId() + "/seats").json().path("held")))
                .containsExactlyInAnyOrderElementsOf(show.seatIds().subList(0, 2));
    }

    @Test
    void lockFailsWhenAnySeatIsTakenAndLocksNothing() {
        ShowSeats show = aShow();
        List<String> seats = show.seatIds();
        lock(show.showId(), List.of(seats.get(2)), "first");

        TheatreHttp.Answer answer = lock(show.showId(), seats.subList(0, 4), "second");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(texts(answer.json().path("seatsTaken"))).containsExactly(seats.get(2));
        assertThat(texts(http.get("/theatre/v1/shows/" + show.showId() + "/seats").json().path("held")))
                .containsExactly(seats.get(2));
    }

    @Test
    void seatsTakenNamesExactlyTheHeldAndSoldSeats() {
        ShowSeats show = aShow();
        List<String> seats = show.seatIds();
        lock(show.showId(), List.of(seats.get(1), seats.get(3)), "held");
        admin.sell(show.showId(), List.of(seats.get(5)));

        TheatreHttp.Answer answer = lock(show.showId(), seats.subList(0, 7), "late");

        assertThat(texts(answer.json().path("seatsTaken"))).containsExactly(seats.get(1), seats.get(3), seats.get(5));
    }

    @Test
    void repeatingAReferenceReturnsTheSameLock() {
        ShowSeats show = aShow();
        TheatreHttp.Answer first = lock(show.showId(), show.seatIds().subList(0, 2), "retry-me");

        TheatreHttp.Answer again = lock(show.showId(), show.seatIds().subList(0, 2), "retry-me");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("lockId")).isEqualTo(first.text("lockId"));
        assertThat(again.text("expiresAt")).isEqualTo(first.text("expiresAt"));
        assertThat(texts(again.json().path("seatIds"))).isEqualTo(texts(first.json().path("seatIds")));
    }

    @Test
    void requestTtlOverridesTheDefault() {
        ShowSeats show = aShow();
        Instant before = clock.instant();

        TheatreHttp.Answer answer = http.post("/theatre/v1/locks", TheatreHttp.json(Map.of(
                "showId", show.showId(), "seatIds", List.of(show.seatIds().get(0)), "ttlSeconds", 30, "reference", "short")));

        assertThat(Instant.parse(answer.text("expiresAt"))).isBetween(before.plusSeconds(29), clock.instant().plusSeconds(30));
    }

    @Test
    void anExpiredLockFreesItsSeatsAndCannotBeConfirmed() {
        ShowSeats show = aShow();
        String lockId = lock(show.showId(), show.seatIds().subList(0, 2), "slow-payer").text("lockId");

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(texts(http.get("/theatre/v1/shows/" + show.showId() + "/seats").json().path("held"))).isEmpty();
        assertThat(confirm(lockId, "booking-1").status()).isEqualTo(410);
        assertThat(lock(show.showId(), show.seatIds().subList(0, 2), "next-customer").status()).isEqualTo(201);
    }

    @Test
    void theSweeperDeletesExpiredLocks() throws InterruptedException {
        ShowSeats show = aShow();
        lock(show.showId(), show.seatIds().subList(0, 3), "abandoned");
        clock.advance(Duration.ofMinutes(6));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (countRows("locks") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(countRows("locks")).isZero();
        assertThat(countRows("seat_claims")).isZero();
    }

    @Test
    void releasingALockFreesItsSeats() {
        ShowSeats show = aShow();
        String lockId = lock(show.showId(), show.seatIds().subList(0, 2), "changed-mind").text("lockId");

        assertThat(http.delete("/theatre/v1/locks/" + lockId).status()).isEqualTo(204);

        assertThat(texts(http.get("/theatre/v1/shows/" + show.showId() + "/seats").json().path("held"))).isEmpty();
        assertThat(confirm(lockId, "too-late").status()).isEqualTo(410);
    }

    @Test
    void releasingAnUnknownLockIsFine() {
        assertThat(http.delete("/theatre/v1/locks/lk-nothing").status()).isEqualTo(204);
    }

    @Test
    void releasingAConfirmedLockIsRefused() {
        ShowSeats show = aShow();
        String lockId = lock(show.showId(), show.seatIds().subList(0, 1), "paid").text("lockId");
        confirm(lockId, "booking-7");

        TheatreHttp.Answer answer = http.delete("/theatre/v1/locks/" + lockId);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.text("type")).endsWith("/lock-confirmed");
    }

    @Test
    void confirmingGivesOneUniqueTicketPerSeat() {
        ShowSeats show = aShow();
        List<String> seats = show.seatIds().subList(0, 4);
        String lockId = lock(show.showId(), seats, "family").text("lockId");

        TheatreHttp.Answer booking = confirm(lockId, "booking-42");

        assertThat(booking.status()).isEqualTo(201);
        assertThat(booking.text("status")).isEqualTo("CONFIRMED");
        assertThat(booking.text("reference")).isEqualTo("booking-42");
        assertThat(booking.json().path("tickets").findValuesAsText("seatId")).isEqualTo(seats);
        List<String> ticketIds = booking.json().path("tickets").findValuesAsText("ticketId");
        assertThat(new HashSet<>(ticketIds)).hasSize(4);
        assertThat(texts(http.get("/theatre/v1/shows/" + show.showId() + "/seats").json().path("sold")))
                .containsExactlyInAnyOrderElementsOf(seats);
        assertThat(http.get("/theatre/v1/bookings/" + booking.text("bookingId")).json())
                .isEqualTo(booking.json());
    }

    @Test
    void confirmingTwiceNamesTheFirstBooking() {
        ShowSeats show = aShow();
        String lockId = lock(show.showId(), show.seatIds().subList(0, 1), "twice").text("lockId");
        String bookingId = confirm(lockId, "b-1").text("bookingId");

        TheatreHttp.Answer again = confirm(lockId, "b-1");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("bookingId")).isEqualTo(bookingId);
    }

    @Test
    void confirmingAnUnknownLockAnswersGone() {
        assertThat(confirm("lk-unknown", "b").status()).isEqualTo(410);
    }

    @Test
    void cancellingABookingFreesItsSeats() {
        ShowSeats show = aShow();
        List<String> seats = show.seatIds().subList(0, 2);
        String bookingId = confirm(lock(show.showId(), seats, "to-cancel").text("lockId"), "b-9").text("bookingId");

        TheatreHttp.Answer cancelled = http.post("/theatre/v1/bookings/" + bookingId + "/cancel", null);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(texts(http.get("/theatre/v1/shows/" + show.showId() + "/seats").json().path("sold"))).isEmpty();
        assertThat(lock(show.showId(), seats, "rebook").status()).isEqualTo(201);
        assertThat(http.post("/theatre/v1/bookings/" + bookingId + "/cancel", null).status()).isEqualTo(200);
    }

    @Test
    void aBookingCannotBeCancelledOnceItsShowStarted() {
        ShowSeats show = aShow();
        String bookingId = confirm(lock(show.showId(), show.seatIds().subList(0, 1), "late").text("lockId"), "b").text("bookingId");
        clock.advance(Duration.between(clock.instant(), startOf(show.showId())).plusMinutes(1));

        TheatreHttp.Answer answer = http.post("/theatre/v1/bookings/" + bookingId + "/cancel", null);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.text("type")).endsWith("/show-started");
    }

    @Test
    void locksOnACancelledShowAreRefused() {
        ShowSeats show = aShow();
        admin.cancelShow(show.showId());

        TheatreHttp.Answer answer = lock(show.showId(), show.seatIds().subList(0, 1), "x");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.text("type")).endsWith("/show-not-bookable");
    }

    @Test
    void locksOnAStartedShowAreRefused() {
        ShowSeats show = aShow();
        clock.advance(Duration.between(clock.instant(), startOf(show.showId())));

        assertThat(lock(show.showId(), show.seatIds().subList(0, 1), "x").status()).isEqualTo(422);
    }

    @Test
    void seatsOutsideTheHallAreRefused() {
        ShowSeats show = aShow();

        TheatreHttp.Answer answer = lock(show.showId(), List.of(show.seatIds().get(0), "Z99"), "x");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.text("type")).endsWith("/unknown-seat");
        assertThat(answer.text("detail")).contains("Z99");
    }

    @Test
    void aBoxOfficeSaleCannotTakeLockedSeats() {
        ShowSeats show = aShow();
        lock(show.showId(), show.seatIds().subList(0, 2), "online");

        BoxOfficeSale sale = admin.sell(show.showId(), show.seatIds().subList(1, 3));

        assertThat(sale).isEqualTo(new BoxOfficeSale.SeatsTaken(List.of(show.seatIds().get(1))));
    }

    @Test
    void aLockCannotTakeSeatsSoldAtTheBoxOffice() {
        ShowSeats show = aShow();
        BoxOfficeSale sale = admin.sell(show.showId(), show.seatIds().subList(0, 2));

        TheatreHttp.Answer answer = lock(show.showId(), show.seatIds().subList(1, 3), "online");

        assertThat(sale).isInstanceOf(BoxOfficeSale.Sold.class);
        assertThat(((BoxOfficeSale.Sold) sale).ticketIds()).hasSize(2).doesNotHaveDuplicates();
        assertThat(texts(answer.json().path("seatsTaken"))).containsExactly(show.seatIds().get(1));
        String bookingId = ((BoxOfficeSale.Sold) sale).bookingId();
        assertThat(http.get("/theatre/v1/bookings/" + bookingId).text("status")).isEqualTo("CONFIRMED");
    }

    private long countRows(String table) {
        return database.inTransaction(c -> {
            try (var statement = c.createStatement(); var rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
