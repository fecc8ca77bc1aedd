package dev.marquee.gateway.waitlist;

import dev.marquee.booking.waitlist.Waitlist;
import dev.marquee.booking.waitlist.WaitlistStatus;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A waitlist entry as a stream of server-sent events: the entry at once, then again whenever its place
 * or status changes, and the stream ends with the entry's last state (an offer, a lapse, a cancellation).
 * Read from the database, so any gateway instance can serve the stream whichever instance made the offer.
 */
@Singleton
public class WaitlistEvents {
    static final String EVENT = "entry";
    /** Each open stream reads its entry this often: offers are rare, so a second is soon enough. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Sent again while nothing changes, so proxies and the server's idle timeout keep the stream open. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** A client's event source reconnects after this; a stream is never held for ever. */
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final Waitlist waitlist;

    public WaitlistEvents(Waitlist waitlist) {
        this.waitlist = waitlist;
    }

    public Publisher<Event<WaitlistView>> of(String entryId, String token) {
        return Flux.defer(() -> {
            AtomicReference<WaitlistView> last = new AtomicReference<>();
            AtomicLong lastSentTick = new AtomicLong();
            long keepAliveTicks = KEEP_ALIVE.toMillis() / POLL.toMillis();
            AtomicLong sequence = new AtomicLong();
            return Flux.interval(Duration.ZERO, POLL, Schedulers.boundedElastic())
                    .take(LIFETIME.toMillis() / POLL.toMillis())
                    .concatMap(tick -> Mono.justOrEmpty(waitlist.find(entryId, token))
                            .map(entry -> WaitlistView.of(entry, waitlist.position(entry), null))
                            .switchIfEmpty(Mono.error(new IllegalStateException("waitlist entry " + entryId + " is gone")))
                            .filter(view -> {
                                boolean changed = !Objects.equals(view, last.getAndSet(view));
                                if (changed || tick - lastSentTick.get() >= keepAliveTicks) {
                                    lastSentTick.set(tick);
                                    return true;
                                }
                                return false;
                            }))
                    .takeUntil(view -> !WaitlistStatus.WAITING.name().equals(view.status()))
                    .map(view -> Event.of(view).name(EVENT).id(Long.toString(sequence.incrementAndGet())))
                    .onErrorComplete();
        });
    }
}
