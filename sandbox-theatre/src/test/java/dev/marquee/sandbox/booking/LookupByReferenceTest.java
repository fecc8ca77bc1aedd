package dev.marquee.sandbox.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.SandboxTestSupport;
import dev.marquee.sandbox.support.TheatreHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Locks and bookings found by the client's reference, which is how a client settles a call whose answer it lost. */
@SandboxIntegrationTest
class LookupByReferenceTest extends SandboxTestSupport {

    @Test
    void aLiveLockIsFoundActiveWithItsSeatsAndExpiry() {
        ShowSeats show = aShow();
        TheatreHttp.Answer lock = lock(show.showId(), show.seatIds().subList(0, 2), "lost-answer");

        List<JsonNode> found = locks(show.showId(), "lost-answer");

        assertThat(found).hasSize(1);
        assertThat(found.getFirst().path("lockId").asText()).isEqualTo(lock.text("lockId"));
        assertThat(found.getFirst().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(texts(found.getFirst().path("seatIds"))).isEqualTo(show.seatIds().subList(0, 2));
        assertThat(found.getFirst().path("expiresAt").asText()).isEqualTo(lock.text("expiresAt"));
        assertThat(found.getFirst().has("booking")).isFalse();
    }

    @Test
    void aConfirmedLockIsFoundWithItsBookingAndTicketsEvenAfterTheBookingIsCancelled() {
        ShowSeats show = aShow();
        String lockId = lock(show.showId(), show.seatIds().subList(0, 2), "paid").text("lockId");
        TheatreHttp.Answer booking = confirm(lockId, "booking-1");

        JsonNode found = locks(show.showId(), "paid").getFirst();
        assertThat(found.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(found.path("booking")).isEqualTo(booking.json());
        assertThat(texts(found.path("seatIds"))).isEqualTo(show.seatIds().subList(0, 2));

        http.post("/theatre/v1/bookings/" + booking.text("bookingId") + "/cancel", null);
        JsonNode afterCancel = locks(show.showId(), "paid").getFirst();
        assertThat(afterCancel.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(afterCancel.path("booking").path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void releasedExpiredAndUnknownLocksAreNotListed() {
        ShowSeats show = aShow();
        String released = lock(show.showId(), show.seatIds().subList(0, 1), "released").text("lockId");
        http.delete("/theatre/v1/locks/" + released);
        lock(show.showId(), show.seatIds().subList(1, 2), "expiring");

        assertThat(locks(show.showId(), "released")).isEmpty();
        assertThat(locks(show.showId(), "expiring")).hasSize(1);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(locks(show.showId(), "expiring")).as("expired but perhaps not swept yet").isEmpty();
        assertThat(locks(show.showId(), "never-made")).isEmpty();
        assertThat(locks("no-such-show", "expiring")).isEmpty();
    }

    @Test
    void aLockIsFoundInItsOwnShowOnly() {
        ShowSeats show = aShow(0);
        ShowSeats other = aShow(1);
        lock(show.showId(), show.seatIds().subList(0, 1), "same-reference");

        assertThat(locks(other.showId(), "same-reference")).isEmpty();
    }

    @Test
    void aBookingIsFoundByItsReferenceInEitherStatusStandingOnesFirst() {
        ShowSeats show = aShow();
        String cancelled = confirm(lock(show.showId(), show.seatIds().subList(0, 1), "first").text("lockId"), "shared").text("bookingId");
        http.post("/theatre/v1/bookings/" + cancelled + "/cancel", null);
        TheatreHttp.Answer standing = confirm(lock(show.showId(), show.seatIds().subList(1, 2), "second").text("lockId"), "shared");

        List<JsonNode> found = bookings("shared");

        assertThat(found).hasSize(2);
        assertThat(found.getFirst()).isEqualTo(standing.json());
        assertThat(found.get(1).path("bookingId").asText()).isEqualTo(cancelled);
        assertThat(found.get(1).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(bookings("never-confirmed")).isEmpty();
    }

    @Test
    void boxOfficeSalesAreNotFoundByReference() {
        ShowSeats show = aShow();
        admin.sell(show.showId(), show.seatIds().subList(0, 1));

        assertThat(bookings("box-office")).isEmpty();
    }

    private List<JsonNode> locks(String showId, String reference) {
        TheatreHttp.Answer answer = http.get("/theatre/v1/locks?showId=" + showId + "&reference=" + reference);
        assertThat(answer.status()).isEqualTo(200);
        return list(answer.json().path("locks"));
    }

    private List<JsonNode> bookings(String reference) {
        TheatreHttp.Answer answer = http.get("/theatre/v1/bookings?reference=" + reference);
        assertThat(answer.status()).isEqualTo(200);
        return list(answer.json().path("bookings"));
    }

    private static List<JsonNode> list(JsonNode array) {
        assertThat(array.isArray()).isTrue();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).toList();
    }
}
