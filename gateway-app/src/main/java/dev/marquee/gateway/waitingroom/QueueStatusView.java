package dev.marquee.gateway.waitingroom;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Whether a show is in queue mode now, so that a page sends people to its waiting room before they try to hold.
 *
 * @param admissionsPerMinute the pace of admissions while in queue mode; absent otherwise
 */
@Serdeable
public record QueueStatusView(String showId, boolean queueMode, @Nullable Integer admissionsPerMinute) {
}
