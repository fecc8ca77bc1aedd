package dev.marquee.booking.waitingroom;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone's place in the queue of one show.
 *
 * @param id place id
 * @param seq its order of joining, stamped by the store (the shared database), not by an instance's clock
 * @param showId the show
 * @param email who queues (trimmed, lower case)
 * @param status waiting or admitted
 * @param joinedAt when it joined
 * @param admittedAt when it was admitted; null while waiting
 * @param admissionExpiresAt until when its admission lets it hold seats; null while waiting
 * @param admissionToken the admission token, handed to the holder of the place's own token; null while waiting
 */
public record QueuePlace(String id, long seq, String showId, String email, PlaceStatus status, Instant joinedAt, Instant admittedAt,
        Instant admissionExpiresAt, String admissionToken) {

    public QueuePlace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(showId, "showId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(joinedAt, "joinedAt");
        if (status == PlaceStatus.ADMITTED) {
            Objects.requireNonNull(admittedAt, "admittedAt");
            Objects.requireNonNull(admissionExpiresAt, "admissionExpiresAt");
        }
    }

    /** Whether its admission lets it hold seats at {@code now}. */
    public boolean admittedAt(Instant now) {
        return status == PlaceStatus.ADMITTED && now.isBefore(admissionExpiresAt);
    }

    /** Whether it was admitted and the admission ran out. */
    public boolean admissionExpiredAt(Instant now) {
        return status == PlaceStatus.ADMITTED && !now.isBefore(admissionExpiresAt);
    }
}
