package dev.marquee.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreTicket;
import dev.marquee.spi.TheatreUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many consumers confirm paid bookings at one chain at once: the chain sees no more confirmations at a time than
 * its {@code max-concurrent-confirms}. The control run gives the chain room for every consumer and shows the test
 * sees the concurrency it bounds.
 */
class ConfirmConcurrencyTest {
    private static final int CONSUMERS = 24;
    private static final int BOUND = 4;

    @Test
    void aChainIsAskedToConfirmAtMostItsBoundAtOnce() throws Exception {
        assertThat(mostConfirmationsAtOnce(BOUND)).isEqualTo(BOUND);
    }

    @Test
    void controlRunWithoutTheBoundSeesMoreAtOnce() throws Exception {
        assertThat(mostConfirmationsAtOnce(CONSUMERS)).isGreaterThan(BOUND);
    }

    @Test
    void aConfirmationThatFindsNoRoomInTimeFailsAsTheChainUnavailable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GuardedTheatre theatre = new GuardedTheatre("aurora", slowChain(new AtomicInteger(), new AtomicInteger(), release, Duration.ofSeconds(10)),
                CircuitBreaker.ofDefaults("test"), 1, Duration.ofMillis(50));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ConfirmOutcome> first = pool.submit(() -> theatre.confirm(new ConfirmRequest("lock-1", "bkg-1")));
            Thread.sleep(100);

            assertThatThrownBy(() -> theatre.confirm(new ConfirmRequest("lock-2", "bkg-2")))
                    .isInstanceOf(TheatreUnavailableException.class).hasMessageContaining("bkg-2");
            release.countDown();
            assertThat(first.get()).isInstanceOf(ConfirmOutcome.Confirmed.class);
        }
    }

    private static int mostConfirmationsAtOnce(int bound) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        GuardedTheatre theatre = new GuardedTheatre("aurora", slowChain(inFlight, most, never, Duration.ofMillis(40)), CircuitBreaker.ofDefaults("test"),
                bound, Duration.ofSeconds(30));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ConfirmOutcome>> confirmed = new java.util.ArrayList<>();
        try (ExecutorService consumers = Executors.newFixedThreadPool(CONSUMERS)) {
            for (int i = 0; i < CONSUMERS; i++) {
                String booking = "bkg-" + i;
                confirmed.add(consumers.submit(() -> {
                    start.await();
                    return theatre.confirm(new ConfirmRequest("lock-" + booking, booking));
                }));
            }
            start.countDown();
        }
        for (Future<ConfirmOutcome> outcome : confirmed) {
            assertThat(outcome.get()).isInstanceOf(ConfirmOutcome.Confirmed.class);
        }
        assertThat(inFlight.get()).isZero();
        return most.get();
    }

    /** A chain whose confirm takes {@code slow} or until released, counting the calls in progress. */
    private static TheatreAdapter slowChain(AtomicInteger inFlight, AtomicInteger most, CountDownLatch release, Duration slow) {
        return (TheatreAdapter) Proxy.newProxyInstance(TheatreAdapter.class.getClassLoader(), new Class<?>[] {TheatreAdapter.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("confirm")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    int now = inFlight.incrementAndGet();
                    most.accumulateAndGet(now, Math::max);
                    try {
                        release.await(slow.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    ConfirmRequest request = (ConfirmRequest) args[0];
                    return new ConfirmOutcome.Confirmed("chain-" + request.reference(), List.of(new TheatreTicket("F12", "t-" + request.reference())));
                });
    }
}
