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
 * its {@code max-concurrent-confirms}, and fewer while it slows down. The control runs give the chain room for every
 * consumer, and a fixed bound that ignores the chain's slowness, and show the tests see what they bound.
 */
class ConfirmConcurrencyTest {
    private static final int CONSUMERS = 24;
    private static final int BOUND = 4;
    /** A confirmation slower than this counts as the chain struggling, in the adaptive tests. */
    private static final Duration SLOW = Duration.ofMillis(60);

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
                CircuitBreaker.ofDefaults("test"), ConfirmLimit.adaptive("aurora", 1, Duration.ofSeconds(2), Duration.ofMillis(50)));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ConfirmOutcome> first = pool.submit(() -> theatre.confirm(new ConfirmRequest("lock-1", "bkg-1")));
            Thread.sleep(100);

            assertThatThrownBy(() -> theatre.confirm(new ConfirmRequest("lock-2", "bkg-2")))
                    .isInstanceOf(TheatreUnavailableException.class).hasMessageContaining("bkg-2");
            release.countDown();
            assertThat(first.get()).isInstanceOf(ConfirmOutcome.Confirmed.class);
        }
    }

    @Test
    void aChainThatSlowsDownWhenAskedTooMuchAtOnceIsAskedLessAtOnce() throws Exception {
        Struggle adaptive = struggle(ConfirmLimit.adaptive("aurora", 16, SLOW, Duration.ofSeconds(30)));

        assertThat(adaptive.mostAtOnceLater()).as("the chain's most at once, once the limit adapted, of " + adaptive)
                .isLessThanOrEqualTo(12);
        assertThat(adaptive.slowLater()).as("slow confirmations once the limit adapted, of " + adaptive)
                .isLessThan(adaptive.confirmedLater() * 2 / 3);
    }

    @Test
    void controlRunWithAFixedBoundKeepsAskingTheSlowChainForAsMany() throws Exception {
        Struggle fixed = struggle(ConfirmLimit.fixed("aurora", 16, Duration.ofSeconds(30)));

        assertThat(fixed.mostAtOnceLater()).isEqualTo(16);
        assertThat(fixed.slowLater()).as("slow confirmations, of " + fixed).isGreaterThan(fixed.confirmedLater() * 9 / 10);
    }

    /** Confirmations in the second half of a run, how many of them were slow, and the most the chain was asked at once then. */
    record Struggle(int confirmedLater, int slowLater, int mostAtOnceLater) {
    }

    /**
     * {@value #CONSUMERS} consumers confirm for two seconds against a chain that takes 10 ms for each confirmation in
     * progress when one arrives (so 160 ms with 16 at once), one booking after another. Slower than {@link #SLOW} counts as
     * the chain struggling.
     */
    private static Struggle struggle(ConfirmLimit limit) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostLater = new AtomicInteger();
        AtomicInteger confirmedLater = new AtomicInteger();
        AtomicInteger slowLater = new AtomicInteger();
        long start = System.nanoTime();
        long half = start + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
        long end = start + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        TheatreAdapter chain = (TheatreAdapter) Proxy.newProxyInstance(TheatreAdapter.class.getClassLoader(),
                new Class<?>[] {TheatreAdapter.class}, (proxy, method, args) -> {
                    int now = inFlight.incrementAndGet();
                    long began = System.nanoTime();
                    boolean later = began > half;
                    if (later) {
                        mostLater.accumulateAndGet(now, Math::max);
                    }
                    try {
                        Thread.sleep(10L * now);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    if (later) {
                        confirmedLater.incrementAndGet();
                        if (System.nanoTime() - began > SLOW.toNanos()) {
                            slowLater.incrementAndGet();
                        }
                    }
                    ConfirmRequest request = (ConfirmRequest) args[0];
                    return new ConfirmOutcome.Confirmed("chain-" + request.reference(), List.of(new TheatreTicket("F12", "t-" + request.reference())));
                });
        GuardedTheatre theatre = new GuardedTheatre("aurora", chain, CircuitBreaker.ofDefaults("test"), limit);
        AtomicInteger bookings = new AtomicInteger();
        List<Future<Object>> running = new java.util.ArrayList<>();
        try (ExecutorService consumers = Executors.newFixedThreadPool(CONSUMERS)) {
            for (int i = 0; i < CONSUMERS; i++) {
                running.add(consumers.submit(() -> {
                    while (System.nanoTime() < end) {
                        String booking = "bkg-" + bookings.incrementAndGet();
                        theatre.confirm(new ConfirmRequest("lock-" + booking, booking));
                    }
                    return null;
                }));
            }
        }
        for (Future<Object> consumer : running) {
            consumer.get();
        }
        return new Struggle(confirmedLater.get(), slowLater.get(), mostLater.get());
    }

    private static int mostConfirmationsAtOnce(int bound) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        GuardedTheatre theatre = new GuardedTheatre("aurora", slowChain(inFlight, most, never, Duration.ofMillis(40)), CircuitBreaker.ofDefaults("test"),
                ConfirmLimit.adaptive("aurora", bound, Duration.ofSeconds(2), Duration.ofSeconds(30)));
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
