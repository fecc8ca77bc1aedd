package dev.marquee.booking.waitlist;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone waiting for seats of a show.
 *
 * @param id entry id
 * @param seq its place in the order of joining, across all shows
 * @param showId the show
 * @param email who waits
 * @param seatCount how many seats together they want
 * @param category the seat category they want, or null for any
 * @param status where the entry stands
 * @param holdId the hold made for them, once offered
 * @param holdToken the token of that hold, handed to them with the offer
 * @param holdExpiresAt when the offered hold ends
 * @param joinedAt when they joined
 */
public record WaitlistEntry(String id, long seq, String showId, String email, int seatCount, String category,
        WaitlistStatus status, String holdId, String holdToken, Instant holdExpiresAt, Instant joinedAt) {

    public WaitlistEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(showId, "showId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }
}
