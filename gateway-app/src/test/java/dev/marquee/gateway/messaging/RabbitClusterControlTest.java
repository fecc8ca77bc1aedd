package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.testing.RabbitCluster;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The control run of {@link RabbitClusterTest}: the same run on classic queues, which live on one node only.
 * Killing that node must leave bookings unconfirmed for far longer than the quorum run needed to confirm them
 * all, which shows that the quorum run passes because of the replicas. Once the node is back, the bookings
 * are confirmed and emailed once: the broker returns what it cannot route (messages are published mandatory)
 * and the outbox keeps it, so a classic queue's node loss costs time, not messages.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RabbitClusterControlTest extends ClusterNodeLoss {
    /** Several times what the quorum run needs to confirm every booking with the node down (about 1 to 2 s). */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Override
    String chainId() {
        return "rigel";
    }

    @Override
    String queueType() {
        return "classic";
    }

    @Test
    void killingTheHomeNodeOfClassicQueuesLeavesBookingsUnconfirmed() throws Exception {
        assertThat(RabbitCluster.queues(stack.brokerProperties().get("marquee.messaging.queue-prefix"), "type"))
                .as("every queue the gateway declared").allMatch(line -> line.endsWith("classic"));

        Run run = payAroundTheKillOfTheQueuesNode();

        List<JsonNode> bookings = run.bookings();
        Thread.sleep(Math.max(0, BOUND.toMillis() - (long) (secondsSince(run.killedAtNanos()) * 1000)));
        long confirmedWhileDown = confirmed(bookings);
        LOG.info("Classic queues: {} of {} bookings confirmed {} s after their node {} was killed", confirmedWhileDown, BOOKINGS,
                String.format("%.1f", secondsSince(run.killedAtNanos())), run.killedNode());
        assertThat(confirmedWhileDown).as("bookings confirmed with the classic queues' node down for " + BOUND)
                .isLessThan(BOOKINGS);

        startTheKilledNode();
        long restartedAt = System.nanoTime();
        // Back on its node, nothing is lost: the relay kept what the broker returned, the node kept what it had
        // queued, and the consumers lost with the queues subscribe again.
        for (JsonNode booking : bookings) {
            journey.awaitStatus(booking.path("bookingId").asText(), booking.path("token").asText(), "CONFIRMED");
        }
        for (int i = 0; i < BOOKINGS; i++) {
            journey.awaitEmails(email(i), 1);
        }
        LOG.info("Classic queues: all {} bookings confirmed and emailed {} s after their node came back", BOOKINGS,
                String.format("%.1f", secondsSince(restartedAt)));
        stack.awaitQuiet(outbox, messaging, handlers);
        for (int i = 0; i < BOOKINGS; i++) {
            assertThat(journey.emailsTo(email(i))).as("emails to " + email(i)).hasSize(1);
        }
    }
}
