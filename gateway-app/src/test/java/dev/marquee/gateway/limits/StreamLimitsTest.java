package dev.marquee.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** Caps on open long-polls and event streams, per client and in total, and the shared rate of opening them. */
class StreamLimitsTest {
    private final TestClock clock = new TestClock();
    private final StreamLimits streams = limits(3, 5, 100);

    private StreamLimits limits(int perClient, int total, int opensPerMinute) {
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        LimitSettings settings = new LimitSettings(null, null, null, null, null, opensPerMinute, perClient, total, List.of());
        return new StreamLimits(RateLimits.inMemory(clock), settings);
    }

    @Test
    void aClientOverItsOpenStreamsIsRefused429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            streams.open("203.0.113.7");
        }

        assertThatThrownBy(() -> streams.open("203.0.113.7")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS.uri());
            assertThat(e.headers()).containsEntry("Retry-After", "5");
        });
        streams.open("198.51.100.1"); // another client is not held back
    }

    @Test
    void everyonesStreamsTogetherAreCappedPerInstance() {
        for (int i = 0; i < 5; i++) {
            streams.open("client-" + i);
        }

        assertThatThrownBy(() -> streams.open("client-5")).isInstanceOf(ProblemException.class);
        assertThat(streams.open()).isEqualTo(5);
    }

    @Test
    void aClosedStreamMakesRoomAndClosingTwiceCountsOnce() {
        StreamLimits.OpenStream first = streams.open("203.0.113.7");
        streams.open("203.0.113.7");
        streams.open("203.0.113.7");

        first.close();
        first.close();

        streams.open("203.0.113.7");
        assertThatThrownBy(() -> streams.open("203.0.113.7")).isInstanceOf(ProblemException.class);
        assertThat(streams.open()).isEqualTo(3);
    }

    @Test
    void anEventStreamIsCountedUntilItEndsOrItsClientGoesAway() {
        StreamLimits one = limits(1, 10, 100);
        Sinks.Many<String> events = Sinks.many().unicast().onBackpressureBuffer();
        var subscription = Flux.from(one.open("203.0.113.7").whileOpen(events.asFlux())).subscribe();
        assertThatThrownBy(() -> one.open("203.0.113.7")).isInstanceOf(ProblemException.class);

        subscription.dispose(); // the client went away

        Flux.from(one.open("203.0.113.7").whileOpen(Flux.just("offered"))).blockLast(Duration.ofSeconds(5));
        assertThat(one.open()).as("a stream that ended is no longer counted").isZero();
    }

    @Test
    void openingStreamsIsRateLimitedPerClientWithTheWaitForTheNextToken() {
        StreamLimits rate = limits(100, 100, 2);
        rate.open("203.0.113.7").close();
        rate.open("203.0.113.7").close();

        assertThatThrownBy(() -> rate.open("203.0.113.7")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.headers()).containsEntry("Retry-After", "30"));
        clock.advance(Duration.ofSeconds(30));
        rate.open("203.0.113.7");
    }
}
