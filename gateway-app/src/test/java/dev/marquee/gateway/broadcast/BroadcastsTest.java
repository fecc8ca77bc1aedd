package dev.marquee.gateway.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.testing.Eventually;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances on one PostgreSQL database, each with its own broadcaster: what one announces reaches the other's
 * watchers of that topic and key, once, and nobody else's; a long-poll's wait ends at the broadcast, not at its
 * look-again time.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BroadcastsTest implements TestPropertyProvider {
    @Inject
    SingleStatements statements;
    @Value("${datasources.default.url}")
    String url;

    private PostgresBroadcasts first;
    private PostgresBroadcasts second;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("marquee.sync.enabled", "false");
    }

    @BeforeAll
    void twoInstances() {
        first = new PostgresBroadcasts("first", url, "postgres", "", statements);
        second = new PostgresBroadcasts("second", url, "postgres", "", statements);
        Eventually.await("both listening", Duration.ofSeconds(10),
                () -> first.lookAgainAfter().equals(second.lookAgainAfter()) && first.lookAgainAfter().toSeconds() == 5, heard -> heard);
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void aChangeAnnouncedOnOneInstanceWakesTheWatchersOfItsShowOnTheOtherOnce() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (Broadcasts.Watch show = second.watch(Topic.WAITLIST, "aurora:1", () -> heard.add("waitlist aurora:1"));
                Broadcasts.Watch otherShow = second.watch(Topic.WAITLIST, "aurora:2", () -> heard.add("waitlist aurora:2"));
                Broadcasts.Watch otherTopic = second.watch(Topic.QUEUE, "aurora:1", () -> heard.add("queue aurora:1"))) {

            first.announce(Topic.WAITLIST, "aurora:1");

            Eventually.await("the other instance told", Duration.ofSeconds(5), () -> heard.size(), n -> n >= 1);
            Thread.sleep(300);
            assertThat(heard).containsExactly("waitlist aurora:1");
        }
    }

    @Test
    void theAnnouncingInstancesOwnWatchersAreToldOnceAtOnce() throws Exception {
        AtomicInteger told = new AtomicInteger();
        try (Broadcasts.Watch watch = first.watch(Topic.QUEUE, "lumen:7", told::incrementAndGet)) {
            first.announce(Topic.QUEUE, "lumen:7");
            assertThat(told.get()).as("before the announcement returns").isEqualTo(1);
            Thread.sleep(500);
            assertThat(told.get()).as("its own notice, coming back from the database, is not delivered again").isEqualTo(1);
        }
    }

    @Test
    void aClosedWatchHearsNothing() throws Exception {
        AtomicInteger told = new AtomicInteger();
        Broadcasts.Watch watch = second.watch(Topic.QUEUE, "lumen:8", told::incrementAndGet);
        watch.close();

        first.announce(Topic.QUEUE, "lumen:8");

        Thread.sleep(500);
        assertThat(told.get()).isZero();
    }

    @Test
    void aLongPollsWaitEndsAtTheOtherInstancesBroadcast() {
        try (Wakeup wakeup = Wakeup.on(second, Topic.WAITLIST, "starlight:3")) {
            Thread.ofVirtual().start(() -> {
                sleep(300);
                first.announce(Topic.WAITLIST, "starlight:3");
            });
            long started = System.nanoTime();
            wakeup.await(Duration.ofSeconds(30));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void withoutABroadcastALongPollLooksAgainAfterTheLookAgainTime() {
        try (Wakeup wakeup = Wakeup.on(second, Topic.WAITLIST, "starlight:4")) {
            long started = System.nanoTime();
            wakeup.await(Duration.ofSeconds(30));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(4900)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
