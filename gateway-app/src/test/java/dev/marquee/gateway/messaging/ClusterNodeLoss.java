package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.BookingStack;
import dev.marquee.gateway.testing.Broker;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.testing.RabbitCluster;
import dev.marquee.gateway.testing.RowCount;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.spi.Seat;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bookings paid on the local three-node RabbitMQ cluster ({@code bin/rabbit-cluster}) while the node that
 * leads the gateway's queues, and holds its connection, is killed (SIGKILL): customers pay one after another,
 * and the node is killed as soon as half of them have paid, with their messages on their way through the
 * broker; the others pay during and after the kill. The subclasses say what must follow for one queue type.
 */
abstract class ClusterNodeLoss implements TestPropertyProvider {
    static final Logger LOG = LoggerFactory.getLogger(ClusterNodeLoss.class);
    static final int BOOKINGS = 12;
    static final int PAID_BEFORE_THE_KILL = 6;

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogSync sync;
    @Inject
    CatalogHolder catalog;
    @Inject
    ChainRegistry chains;
    @Inject
    CatalogTables tables;
    @Inject
    List<MessageHandler> handlers;
    @Inject
    Messaging messaging;
    @Inject
    OutboxStore outbox;
    @Inject
    TransactionOperations<Connection> transactions;

    BookingStack stack;
    BookingJourney journey;
    private List<Show> shows;
    private Integer killed;

    abstract String chainId();

    abstract String queueType();

    @Override
    public Map<String, String> getProperties() {
        RabbitCluster.ensureRunning();
        stack = BookingStack.start(chainId(), "Cluster Screens", 53, Broker.onRabbitCluster(chainId(), queueType()));
        return stack.gatewayProperties();
    }

    @BeforeAll
    void syncTheChain() {
        tables.clear();
        sync.sync(chains.chain(chainId()).orElseThrow());
        journey = new BookingJourney(new ApiClient(server.getURL()), stack.smtp());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(4));
        assertThat(shows).hasSizeGreaterThan(3);
        Eventually.await("connected to the cluster", BookingJourney.ASYNC, messaging::connected, connected -> connected);
    }

    @AfterAll
    void stop() {
        if (killed != null) {
            RabbitCluster.startNode(killed);
        }
        if (stack != null) {
            stack.close();
            stack.deleteQueues(handlers);
        }
    }

    /** The bookings, checked out and then paid around the kill of the node the gateway's queues live on. */
    record Run(List<JsonNode> bookings, int killedNode, long killedAtNanos) {
    }

    Run payAroundTheKillOfTheQueuesNode() {
        List<JsonNode> bookings = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            bookings.add(checkedOut(i));
        }
        String prefix = stack.brokerProperties().get("marquee.messaging.queue-prefix");
        List<String> placement = RabbitCluster.queues(prefix, "type", "leader", "members", "pid");
        int node = RabbitCluster.nodeOf(messaging.connectedNode().orElseThrow());
        LOG.info("Gateway connected to node {}; its queues: {}", node, placement);
        // A queue is placed on the node of the connection that declared it (its quorum leader, its classic home).
        assertThat(placement).as("the gateway's queues").hasSize(handlers.size() * 2)
                .allMatch(line -> line.contains("marquee-r" + node + "@localhost"));

        // One customer after another pays; the node is killed the moment the payments before the kill are made,
        // while their webhooks, confirmations and emails are on their way, and the payments go on meanwhile.
        ProcessHandle nodeProcess = RabbitCluster.processOf(node);
        CountDownLatch paidBefore = new CountDownLatch(PAID_BEFORE_THE_KILL);
        AtomicReference<Throwable> paymentFailed = new AtomicReference<>();
        Thread customers = Thread.ofPlatform().name("customers").start(() -> {
            try {
                for (JsonNode booking : bookings) {
                    journey.payOnThePage(booking.path("paymentUrl").asText(), "4242424242424242");
                    paidBefore.countDown();
                }
            } catch (Throwable e) {
                paymentFailed.set(e);
            }
        });
        awaitLatch(paidBefore);
        RabbitCluster.kill(nodeProcess);
        killed = node;
        long killedAt = System.nanoTime();
        awaitThread(customers);
        assertThat(paymentFailed.get()).as("a payment on the provider's page").isNull();
        LOG.info("Node {} killed after {} payments; {} s later all {} were paid", node, PAID_BEFORE_THE_KILL,
                String.format("%.1f", secondsSince(killedAt)), BOOKINGS);
        return new Run(bookings, node, killedAt);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as("payments made before the kill").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitThread(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(thread.isAlive()).as("customers still paying after a minute").isFalse();
    }

    void startTheKilledNode() {
        RabbitCluster.startNode(killed);
        killed = null;
    }

    long confirmed(List<JsonNode> bookings) {
        return bookings.stream().filter(b -> journey.read(b.path("bookingId").asText(), b.path("token").asText())
                .path("status").asText().equals("CONFIRMED")).count();
    }

    int rows(String countQuery, String bookingId) {
        return RowCount.of(transactions, countQuery, bookingId);
    }

    static String email(int i) {
        return "cluster-goer" + i + "@example.org";
    }

    static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    /** Booking {@code i} takes one seat of its own: shows in turn, then the next seat of each. */
    private JsonNode checkedOut(int i) {
        Show show = shows.get(i % shows.size());
        String seat = catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream().map(Seat::ref)
                .skip(i / shows.size()).findFirst().orElseThrow();
        JsonNode hold = journey.hold(show.id(), List.of(seat), email(i));
        ApiClient.Answer checkout = journey.checkout(hold.path("holdId").asText(), hold.path("token").asText());
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        return checkout.json();
    }
}
