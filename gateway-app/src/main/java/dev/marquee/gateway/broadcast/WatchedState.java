package dev.marquee.gateway.broadcast;

import io.micronaut.http.sse.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A customer's state (a waitlist entry, a queue place) as server-sent events: read at once, then again on each
 * broadcast of its topic and key and on each look-again; sent when it changed, and again every {@link #KEEP_ALIVE}
 * while it does not, so proxies and idle timeouts keep the stream open. The stream ends with the state that
 * {@code ended} accepts, when the state is gone, or after {@link #LIFETIME} (the client's event source reconnects).
 */
public final class WatchedState {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration LIFETIME = Duration.ofMinutes(30);

    private WatchedState() {
    }

    public static <V> Flux<Event<V>> events(Broadcasts broadcasts, Topic topic, String key, Supplier<Optional<V>> read,
            Predicate<V> ended, String eventName, Clock clock) {
        return Flux.defer(() -> {
            AtomicReference<V> last = new AtomicReference<>();
            AtomicReference<Instant> lastSent = new AtomicReference<>(Instant.MIN);
            AtomicLong sequence = new AtomicLong();
            return Wakeup.signals(broadcasts, topic, key)
                    .take(LIFETIME)
                    .concatMap(signal -> Mono.justOrEmpty(read.get())
                            .switchIfEmpty(Mono.error(new IllegalStateException(topic + " state under " + key + " is gone")))
                            .filter(state -> {
                                Instant now = clock.instant();
                                boolean changed = !Objects.equals(state, last.getAndSet(state));
                                if (changed || !now.isBefore(lastSent.get().plus(KEEP_ALIVE))) {
                                    lastSent.set(now);
                                    return true;
                                }
                                return false;
                            }))
                    .takeUntil(ended)
                    .map(state -> Event.of(state).name(eventName).id(Long.toString(sequence.incrementAndGet())))
                    .onErrorComplete();
        });
    }
}
