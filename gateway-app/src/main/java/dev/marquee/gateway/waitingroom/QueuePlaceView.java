package dev.marquee.gateway.waitingroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.booking.waitingroom.PlaceStatus;
import dev.marquee.booking.waitingroom.QueuePlace;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;

/**
 * A place in a show's queue as its holder sees it.
 *
 * @param placeId the place
 * @param showId the show
 * @param status WAITING, ADMITTED, or EXPIRED once the admission ran out
 * @param position while WAITING, 1 for the next to be admitted
 * @param estimatedWaitSeconds while WAITING, the time until admission at the show's current rate
 * @param admissionToken once ADMITTED, the token to send as {@code Queue-Token} with hold requests for the show
 * @param admissionExpiresAt once ADMITTED, until when the admission token is valid
 * @param token the place's own token, to read it; only in the answer that created the place
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueuePlaceView(String placeId, String showId, String status, @Nullable Integer position, @Nullable Long estimatedWaitSeconds,
        @Nullable String admissionToken, @Nullable Instant admissionExpiresAt, @Nullable String token) {

    static final String EXPIRED = "EXPIRED";

    static QueuePlaceView of(QueuePlace place, int position, Duration estimatedWait, @Nullable String token, Instant now) {
        boolean waiting = place.status() == PlaceStatus.WAITING;
        boolean admitted = place.admittedAt(now);
        String status = place.admissionExpiredAt(now) ? EXPIRED : place.status().name();
        return new QueuePlaceView(place.id(), place.showId(), status, waiting ? position : null,
                waiting ? (estimatedWait.toMillis() + 999) / 1000 : null, admitted ? place.admissionToken() : null,
                admitted ? place.admissionExpiresAt() : null, token);
    }

    boolean waiting() {
        return PlaceStatus.WAITING.name().equals(status);
    }
}
