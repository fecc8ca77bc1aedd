package dev.marquee.gateway.waitingroom;

import dev.marquee.booking.waitingroom.WaitingRoom;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A queue place as a stream of server-sent events: the place at once, then again whenever its position or status
 * changes; the stream ends with the admission (its token and expiry), or with its expiry. Read from the database, so
 * any instance can serve the stream whichever instance admitted the place.
 */
@Singleton
public class QueueEvents {
    static final String EVENT = "place";
    /** Positions move with every admission round (a second); each open stream reads its place this often. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Sent again while nothing changes, so proxies and the server's idle timeout keep the stream open. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** A client's event source reconnects after this; a stream is never held for ever. */
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final WaitingRoom room;
    private final Clock clock;

    public QueueEvents(WaitingRoom room, Clock clock) {
        this.room = room;
        this.clock = clock;
    }

    public Publisher<Event<QueuePlaceView>> of(String placeId, String token) {
        return Flux.defer(() -> {
            AtomicReference<QueuePlaceView> last = new AtomicReference<>();
            AtomicLong lastSentTick = new AtomicLong();
            long keepAliveTicks = KEEP_ALIVE.toMillis() / POLL.toMillis();
            AtomicLong sequence = new AtomicLong();
            return Flux.interval(Duration.ZERO, POLL, Schedulers.boundedElastic())
                    .take(LIFETIME.toMillis() / POLL.toMillis())
                    .concatMap(tick -> Mono.justOrEmpty(room.find(placeId, token))
                            .map(place -> {
                                int position = room.position(place);
                                return QueuePlaceView.of(place, position, room.estimatedWait(place, position), null, clock.instant());
                            })
                            .switchIfEmpty(Mono.error(new IllegalStateException("queue place " + placeId + " is gone")))
                            .filter(view -> {
                                boolean changed = !Objects.equals(view, last.getAndSet(view));
                                if (changed || tick - lastSentTick.get() >= keepAliveTicks) {
                                    lastSentTick.set(tick);
                                    return true;
                                }
                                return false;
                            }))
                    .takeUntil(view -> !view.waiting())
                    .map(view -> Event.of(view).name(EVENT).id(Long.toString(sequence.incrementAndGet())))
                    .onErrorComplete();
        });
    }
}
