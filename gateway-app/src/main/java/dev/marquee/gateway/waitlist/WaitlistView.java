package dev.marquee.gateway.waitlist;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.booking.waitlist.WaitlistEntry;
import dev.marquee.booking.waitlist.WaitlistStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A waitlist entry as the waiting person sees it.
 *
 * @param entryId the entry
 * @param showId the show
 * @param seatCount seats wanted
 * @param category category wanted, if any
 * @param status WAITING, OFFERED, OFFER_LAPSED or CANCELLED
 * @param position place in the queue while WAITING (1 is next)
 * @param holdId the hold made for this entry, once OFFERED
 * @param holdToken that hold's token, to read, release or check it out
 * @param holdExpiresAt when the offer ends unless checked out
 * @param token the entry's own token; only in the answer that created it
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaitlistView(String entryId, String showId, int seatCount, @Nullable String category, String status,
        @Nullable Integer position, @Nullable String holdId, @Nullable String holdToken, @Nullable Instant holdExpiresAt,
        @Nullable String token) {

    static WaitlistView of(WaitlistEntry entry, int position, String token) {
        boolean offered = entry.status() == WaitlistStatus.OFFERED;
        return new WaitlistView(entry.id(), entry.showId(), entry.seatCount(), entry.category(), entry.status().name(),
                entry.status() == WaitlistStatus.WAITING ? position : null, offered ? entry.holdId() : null,
                offered ? entry.holdToken() : null, offered ? entry.holdExpiresAt() : null, token);
    }
}
