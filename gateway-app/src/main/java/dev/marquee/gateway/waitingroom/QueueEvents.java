package dev.marquee.gateway.waitingroom;

import dev.marquee.booking.waitingroom.WaitingRoom;
import dev.marquee.gateway.broadcast.Broadcasts;
import dev.marquee.gateway.broadcast.Topic;
import dev.marquee.gateway.broadcast.WatchedState;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.reactivestreams.Publisher;

/**
 * A queue place as a stream of server-sent events: the place at once, then again whenever its position or status
 * changes; the stream ends with the admission (its token and expiry), or with its expiry. The place is read from the
 * database when admissions from its show's queue are broadcast (by whichever instance admitted), and now and then in
 * case a broadcast was lost.
 */
@Singleton
public class QueueEvents {
    static final String EVENT = "place";

    private final WaitingRoom room;
    private final Broadcasts broadcasts;
    private final Clock clock;

    public QueueEvents(WaitingRoom room, Broadcasts broadcasts, Clock clock) {
        this.room = room;
        this.broadcasts = broadcasts;
        this.clock = clock;
    }

    public Publisher<Event<QueuePlaceView>> of(String placeId, String token, String showId) {
        return WatchedState.events(broadcasts, Topic.QUEUE, showId, () -> room.find(placeId, token).map(place -> {
            int position = room.position(place);
            return QueuePlaceView.of(place, position, room.estimatedWait(place, position), null, clock.instant());
        }), view -> !view.waiting(), EVENT, clock);
    }
}
