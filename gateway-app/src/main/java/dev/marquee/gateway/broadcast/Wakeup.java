package dev.marquee.gateway.broadcast;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/**
 * A watcher's wait for the next broadcast of a topic and key. Open it before reading the state it guards, so that a
 * change made between the read and the wait still wakes it.
 */
public final class Wakeup implements AutoCloseable {
    /** What {@link #signals} emits. */
    public enum Signal { NOW, CHANGED, LOOK_AGAIN }

    private final Broadcasts broadcasts;
    private final Semaphore changed = new Semaphore(0);
    private final Broadcasts.Watch watch;

    private Wakeup(Broadcasts broadcasts, Topic topic, String key) {
        this.broadcasts = broadcasts;
        this.watch = broadcasts.watch(topic, key, () -> {
            if (changed.availablePermits() == 0) {
                changed.release();
            }
        });
    }

    public static Wakeup on(Broadcasts broadcasts, Topic topic, String key) {
        return new Wakeup(broadcasts, topic, key);
    }

    /**
     * Waits until the topic and key are announced (or were, since the last wait), at most {@code max} and at most the
     * broadcasts' look-again time; for a long-poll on a thread of its own.
     */
    public void await(Duration max) {
        Duration wait = max.compareTo(broadcasts.lookAgainAfter()) < 0 ? max : broadcasts.lookAgainAfter();
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        try {
            if (changed.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                changed.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        watch.close();
    }

    /**
     * For an event stream: {@link Signal#NOW} at once, {@link Signal#CHANGED} on each broadcast of the topic and key
     * (the latest kept while the subscriber is busy), and {@link Signal#LOOK_AGAIN} every look-again time; delivered on
     * a thread that may block (a read of the database), never on the one that announced.
     */
    public static Flux<Signal> signals(Broadcasts broadcasts, Topic topic, String key) {
        Flux<Signal> changes = Flux.create(sink -> {
            Broadcasts.Watch watch = broadcasts.watch(topic, key, () -> sink.next(Signal.CHANGED));
            sink.onDispose(watch::close);
        }, FluxSink.OverflowStrategy.LATEST);
        Flux<Signal> looks = Flux.defer(() -> Flux.interval(broadcasts.lookAgainAfter()).map(tick -> Signal.LOOK_AGAIN));
        return Flux.merge(changes, looks).startWith(Signal.NOW).publishOn(Schedulers.boundedElastic(), 1);
    }
}
