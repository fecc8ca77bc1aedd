package dev.marquee.gateway.seating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.gateway.web.TestClock;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.TheatreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SeatAvailabilityCacheTest {
    private static final Duration TTL = Duration.ofSeconds(5);

    private final TestClock clock = new TestClock();
    private final SeatAvailabilityCache cache = new SeatAvailabilityCache(clock, 100);
    private final AtomicInteger reads = new AtomicInteger();

    private Supplier<SeatAvailability> chainAnswering(String sold) {
        return () -> {
            reads.incrementAndGet();
            return new SeatAvailability("s1", Set.of(), Set.of(sold), clock.instant());
        };
    }

    private Supplier<SeatAvailability> chainDown() {
        return () -> {
            reads.incrementAndGet();
            throw new TheatreUnavailableException("aurora", "down", null);
        };
    }

    @Test
    void anAnswerIsReusedWhileFresh() {
        cache.get("aurora:s1", TTL, chainAnswering("A1"));
        clock.advance(Duration.ofSeconds(4));

        SeatAvailabilityCache.Answer answer = cache.get("aurora:s1", TTL, chainAnswering("A2"));

        assertThat(reads).hasValue(1);
        assertThat(answer.availability().soldSeats()).containsExactly("A1");
        assertThat(answer.stale()).isFalse();
    }

    @Test
    void theChainIsAskedAgainOnceTheAnswerIsOld() {
        cache.get("aurora:s1", TTL, chainAnswering("A1"));
        clock.advance(Duration.ofSeconds(6));

        SeatAvailabilityCache.Answer answer = cache.get("aurora:s1", TTL, chainAnswering("A2"));

        assertThat(reads).hasValue(2);
        assertThat(answer.availability().soldSeats()).containsExactly("A2");
    }

    @Test
    void whenTheChainFailsTheLastAnswerIsServedStale() {
        Instant firstRead = clock.instant();
        cache.get("aurora:s1", TTL, chainAnswering("A1"));
        clock.advance(Duration.ofMinutes(2));

        SeatAvailabilityCache.Answer answer = cache.get("aurora:s1", TTL, chainDown());

        assertThat(answer.stale()).isTrue();
        assertThat(answer.availability().readAt()).isEqualTo(firstRead);
    }

    @Test
    void whenTheChainFailsWithNoEarlierAnswerTheFailureIsThrown() {
        assertThatThrownBy(() -> cache.get("aurora:s1", TTL, chainDown())).isInstanceOf(TheatreUnavailableException.class);
    }

    @Test
    void forgettingAShowMakesTheNextReadAskTheChain() {
        cache.get("aurora:s1", TTL, chainAnswering("A1"));

        cache.forget("aurora:s1");
        cache.get("aurora:s1", TTL, chainAnswering("A2"));

        assertThat(reads).hasValue(2);
        assertThat(cache.lastGood("aurora:s1")).get().extracting(SeatAvailability::soldSeats).isEqualTo(Set.of("A2"));
    }
}
