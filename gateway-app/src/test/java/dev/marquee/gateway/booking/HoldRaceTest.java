package dev.marquee.gateway.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.contracts.sandbox.BoxOfficeSale;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatAvailability;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Many clients race for overlapping seats of one show through two gateway instances that share one
 * database, while the chain's box office sells seats of the same show directly. Afterwards no seat is
 * held or sold twice, every 201 is a lock at the chain, and held + sold + free is the hall's capacity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoldRaceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 24;
    private static final int ATTEMPTS_PER_CLIENT = 12;
    private static final int HOT_SEATS = 40;

    private SandboxTheatre chain;
    private EmbeddedServer first;
    private EmbeddedServer second;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    @BeforeAll
    void startChainAndTwoGateways() {
        chain = SandboxTheatre.builder().seed(31).size("small").chainName("Aurora Cinemas").start();
        Map<String, Object> properties = Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.holds.requests-per-minute", "1000000",
                "marquee.holds.max-seats-per-email", "1000",
                "marquee.chains.aurora.adapter", "rest",
                "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                "marquee.chains.aurora.seat-map-ttl", "0s");
        first = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        first.getApplicationContext().getBean(CatalogTables.class).clear();
        first.getApplicationContext().getBean(CatalogSync.class).sync(
                first.getApplicationContext().getBean(ChainRegistry.class).chain("aurora").orElseThrow());
        second = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        second.getApplicationContext().getBean(CatalogSync.class).reload();
    }

    @AfterAll
    void stopAll() {
        for (EmbeddedServer server : new EmbeddedServer[] {first, second}) {
            if (server != null) {
                server.getApplicationContext().close();
            }
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void noSeatIsEverHeldOrSoldTwice() throws Exception {
        CatalogHolder catalog = first.getApplicationContext().getBean(CatalogHolder.class);
        Instant soon = Instant.now().plus(2, ChronoUnit.HOURS);
        Show show = catalog.current().cinemas().stream().flatMap(c -> catalog.current().showsAt(c.id()).stream())
                .filter(s -> s.isOnSale(soon)).findFirst().orElseThrow();
        List<Seat> hall = catalog.current().hall(show.hallId()).orElseThrow().layout().seats();
        List<String> hot = hall.stream().filter(s -> s.category().equals("standard")).limit(HOT_SEATS).map(Seat::ref).toList();

        Map<String, List<String>> heldByHold = new ConcurrentHashMap<>();
        Set<String> soldAtBoxOffice = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                URI gateway = URI.create((c % 2 == 0 ? first : second).getURL() + "/api/v1/holds");
                Random random = new Random(c);
                int client = c;
                clients.submit(() -> {
                    start.await();
                    for (int attempt = 0; attempt < ATTEMPTS_PER_CLIENT; attempt++) {
                        List<String> wanted = pick(hot, random, 1 + random.nextInt(3));
                        HttpResponse<String> answer = hold(gateway, show.id(), wanted, "client" + client + "@example.org");
                        switch (answer.statusCode()) {
                            case 201 -> {
                                JsonNode hold = JSON.readTree(answer.body());
                                heldByHold.put(hold.path("holdId").asText(), wanted);
                            }
                            case 409 -> conflicts.incrementAndGet();
                            default -> unexpected.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            clients.submit(() -> {
                start.await();
                Random random = new Random(99);
                for (int sale = 0; sale < 15; sale++) {
                    List<String> wanted = pick(hot, random, 1 + random.nextInt(2));
                    if (chain.admin().sell(show.ref(), wanted) instanceof BoxOfficeSale.Sold) {
                        soldAtBoxOffice.addAll(wanted);
                    }
                }
                return null;
            });
            start.countDown();
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }

        Map<String, Integer> timesHeld = new HashMap<>();
        heldByHold.values().forEach(seats -> seats.forEach(s -> timesHeld.merge(s, 1, Integer::sum)));
        assertThat(unexpected.get()).as("answers other than 201 or 409").isZero();
        assertThat(heldByHold).as("some clients won").isNotEmpty();
        assertThat(conflicts.get()).as("some clients lost").isPositive();
        assertThat(timesHeld.values()).as("no seat in two holds").allMatch(n -> n == 1);
        assertThat(Collections.disjoint(timesHeld.keySet(), soldAtBoxOffice)).as("no held seat sold at the box office").isTrue();

        SeatAvailability atChain = first.getApplicationContext().getBean(ChainRegistry.class).chain("aurora").orElseThrow()
                .theatre().readSeats(show.ref());
        assertThat(atChain.heldSeats()).as("every 201 is a lock at the chain, and nothing else is").isEqualTo(timesHeld.keySet());
        assertThat(atChain.soldSeats()).isEqualTo(soldAtBoxOffice);
        Set<String> free = hall.stream().map(Seat::ref).collect(Collectors.toCollection(HashSet::new));
        free.removeAll(atChain.heldSeats());
        free.removeAll(atChain.soldSeats());
        assertThat(atChain.heldSeats().size() + atChain.soldSeats().size() + free.size()).isEqualTo(hall.size());
    }

    private HttpResponse<String> hold(URI gateway, String showId, List<String> seats, String email) throws Exception {
        String body = "{\"showId\":\"" + showId + "\",\"seatIds\":[" + seats.stream().map(s -> "\"" + s + "\"")
                .collect(Collectors.joining(",")) + "],\"email\":\"" + email + "\"}";
        return http.send(HttpRequest.newBuilder(gateway).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> pick(List<String> seats, Random random, int count) {
        List<String> copy = new ArrayList<>(seats);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, count));
    }
}
