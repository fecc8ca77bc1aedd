package dev.marquee.gateway.waitlist;

import dev.marquee.booking.waitlist.Waitlist;
import dev.marquee.booking.waitlist.WaitlistStatus;
import dev.marquee.gateway.broadcast.Broadcasts;
import dev.marquee.gateway.broadcast.Topic;
import dev.marquee.gateway.broadcast.WatchedState;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.reactivestreams.Publisher;

/**
 * A waitlist entry as a stream of server-sent events: the entry at once, then again whenever its place
 * or status changes, and the stream ends with the entry's last state (an offer, a lapse, a cancellation).
 * The entry is read from the database when a change to its show's waitlist is broadcast (by whichever instance
 * made it), and now and then in case a broadcast was lost.
 */
@Singleton
public class WaitlistEvents {
    static final String EVENT = "entry";

    private final Waitlist waitlist;
    private final Broadcasts broadcasts;
    private final Clock clock;

    public WaitlistEvents(Waitlist waitlist, Broadcasts broadcasts, Clock clock) {
        this.waitlist = waitlist;
        this.broadcasts = broadcasts;
        this.clock = clock;
    }

    public Publisher<Event<WaitlistView>> of(String entryId, String token, String showId) {
        return WatchedState.events(broadcasts, Topic.WAITLIST, showId,
                () -> waitlist.find(entryId, token).map(entry -> WaitlistView.of(entry, waitlist.position(entry), null)),
                view -> !WaitlistStatus.WAITING.name().equals(view.status()), EVENT, clock);
    }
}
