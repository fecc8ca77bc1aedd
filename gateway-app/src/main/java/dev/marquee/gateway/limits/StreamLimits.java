package dev.marquee.gateway.limits;

import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.Problems;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Long-polls and event streams (waitlist entries, queue places, seat changes). Opening one takes a token of the
 * client's shared rate ({@code stream-opens-per-client}); while open, it counts against the client's and everyone's
 * caps on this instance ({@code streams-per-client}, {@code streams-total}), since each holds this instance's
 * connection (and a long-poll one of its threads). Over any of them the answer is 429 with {@code Retry-After}.
 */
@Singleton
public class StreamLimits {
    /** A stream refused for a cap waits for others to end; a few seconds is the honest guess. */
    static final Duration CAP_RETRY = Duration.ofSeconds(5);

    private final RateLimits rates;
    private final LimitSettings settings;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perClient = new ConcurrentHashMap<>();

    public StreamLimits(RateLimits rates, LimitSettings settings) {
        this.rates = rates;
        this.settings = settings;
    }

    /** One open stream: close it once, when the long-poll answers or the event stream ends. */
    public final class OpenStream implements AutoCloseable {
        private final String client;
        private final AtomicBoolean closed = new AtomicBoolean();

        private OpenStream(String client) {
            this.client = client;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(client);
            }
        }

        /** Keeps the stream counted until the publisher ends, fails or is cancelled by the client going away. */
        public <T> Publisher<T> whileOpen(Publisher<T> events) {
            return Flux.from(events).doFinally(signal -> close());
        }
    }

    /**
     * Opens a stream for a client (its API client id, or else its address).
     *
     * @throws ProblemException 429 with {@code Retry-After} when the client or the instance is at its limit
     */
    public OpenStream open(String client) {
        Optional<Duration> wait = rates.take(settings.streamOpensLimit(), client);
        if (wait.isPresent()) {
            throw tooMany("Too many streams opened by this client; try again in " + seconds(wait.get()) + " s", wait.get());
        }
        if (total.incrementAndGet() > settings.streamsTotal()) {
            total.decrementAndGet();
            throw tooMany("This instance has as many open streams as it takes; try again shortly", CAP_RETRY);
        }
        if (perClient.merge(client, 1, Integer::sum) > settings.streamsPerClient()) {
            release(client);
            throw tooMany("This client has " + settings.streamsPerClient() + " streams open; close one or try again shortly",
                    CAP_RETRY);
        }
        return new OpenStream(client);
    }

    /** How many streams are open on this instance, everyone's together. */
    public int open() {
        return total.get();
    }

    private void release(String client) {
        total.decrementAndGet();
        perClient.computeIfPresent(client, (k, count) -> count <= 1 ? null : count - 1);
    }

    private static ProblemException tooMany(String detail, Duration wait) {
        return new ProblemException(Problem.of(ProblemType.TOO_MANY_REQUESTS, detail), Problems.retryAfter(wait), null);
    }

    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
