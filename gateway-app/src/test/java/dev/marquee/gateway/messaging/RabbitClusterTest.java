package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.RabbitCluster;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway on a three-node RabbitMQ cluster with quorum queues ({@code queue-type: quorum}) loses the
 * node that leads its queues and holds its connection in the middle of a run. The connection recovers to
 * another node, the queues elect new leaders from their replicas, and every booking, paid before the kill or
 * while the node is down, is confirmed and emailed once before the node is back; then nothing is left over.
 * {@link RabbitClusterControlTest} is the same run on classic queues.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RabbitClusterTest extends ClusterNodeLoss {

    @Override
    String chainId() {
        return "vega";
    }

    @Override
    String queueType() {
        return "quorum";
    }

    @Test
    void killingTheNodeThatLeadsTheQueuesLosesNoConfirmationOrEmailAndDuplicatesNone() {
        assertThat(RabbitCluster.queues(stack.brokerProperties().get("marquee.messaging.queue-prefix"), "type"))
                .as("every queue the gateway declared").allMatch(line -> line.endsWith("quorum"));

        Run run = payAroundTheKillOfTheQueuesNode();

        List<JsonNode> bookings = run.bookings();
        for (JsonNode booking : bookings) {
            JsonNode confirmed = journey.awaitStatus(booking.path("bookingId").asText(), booking.path("token").asText(),
                    "CONFIRMED");
            assertThat(confirmed.path("tickets")).hasSize(1);
        }
        for (int i = 0; i < BOOKINGS; i++) {
            journey.awaitEmails(email(i), 1);
        }
        double allDone = secondsSince(run.killedAtNanos());
        assertThat(RabbitCluster.queues(stack.brokerProperties().get("marquee.messaging.queue-prefix"), "leader"))
                .as("the queues' leaders with node " + run.killedNode() + " down").hasSize(handlers.size() * 2)
                .noneMatch(line -> line.contains("marquee-r" + run.killedNode() + "@"));
        String node = messaging.connectedNode().orElseThrow();
        assertThat(RabbitCluster.nodeOf(node)).as("the node the gateway recovered to").isNotEqualTo(run.killedNode());
        LOG.info("All {} bookings confirmed and emailed {} s after node {} was killed, with it still down; gateway now on {}",
                BOOKINGS, String.format("%.1f", allDone), run.killedNode(), node);

        startTheKilledNode();
        stack.awaitQuiet(outbox, messaging, handlers);
        for (int i = 0; i < BOOKINGS; i++) {
            assertThat(journey.emailsTo(email(i))).as("emails to " + email(i)).hasSize(1);
        }
        for (JsonNode booking : bookings) {
            String id = booking.path("bookingId").asText();
            assertThat(rows("SELECT COUNT(*) FROM tickets WHERE booking_id = ?", id)).as("tickets of " + id).isEqualTo(1);
            assertThat(rows("SELECT COUNT(*) FROM booking_emails WHERE booking_id = ? AND status = 'SENT'", id))
                    .as("emails sent for " + id).isEqualTo(1);
        }
        assertThat(outbox.rows()).as("outbox rows left").isZero();
        Map<String, Long> deadLetters = Eventually.await("dead letters counted on every queue", BookingJourney.ASYNC,
                messaging::deadLetters, counts -> counts.size() == handlers.size());
        assertThat(deadLetters.values()).as("dead letters per queue: " + deadLetters).allMatch(count -> count == 0);
    }
}
