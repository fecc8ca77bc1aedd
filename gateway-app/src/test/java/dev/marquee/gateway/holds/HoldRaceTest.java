package dev.marquee.gateway.holds;

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
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
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
    private EmbeddedServer unguardedFirst;
    private EmbeddedServer unguardedSecond;
    private int nextShow;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    @BeforeAll
    void startChainAndTwoGateways() {
        chain = SandboxTheatre.builder().seed(31).size("small").chainName("Aurora Cinemas").start();
        first = gateway("rest", true);
        second = gateway("rest", false);
        unguardedFirst = gateway("unguarded-rest", false);
        unguardedSecond = gateway("unguarded-rest", false);
    }

    /** A gateway instance on the shared test database; the first one syncs the chain for all. */
    private EmbeddedServer gateway(String adapter, boolean syncs) {
        Map<String, Object> properties = Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.holds.max-seats-per-email", "1000",
                "marquee.chains.aurora.adapter", adapter,
                "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                "marquee.chains.aurora.seat-map-ttl", "0s");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        if (syncs) {
            server.getApplicationContext().getBean(CatalogTables.class).clear();
            server.getApplicationContext().getBean(CatalogSync.class).sync(
                    server.getApplicationContext().getBean(ChainRegistry.class).chain("aurora").orElseThrow());
        } else {
            server.getApplicationContext().getBean(CatalogSync.class).reload();
        }
        return server;
    }

    @AfterAll
    void stopAll() {
        for (EmbeddedServer server : new EmbeddedServer[] {first, second, unguardedFirst, unguardedSecond}) {
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
        Race race = race(first, second);

        assertThat(race.unexpected()).as("answers other than 201 or 409").isZero();
        assertThat(race.won()).as("some clients won").isPositive();
        assertThat(race.conflicts()).as("some clients lost").isPositive();
        assertThat(race.violations()).isEmpty();
    }

    /** The control run: with the chain's guard taken away, the same race must be caught double-booking. */
    @Test
    void withoutTheChainsGuardTheSameRaceIsCaughtDoubleBooking() throws Exception {
        Race race = race(unguardedFirst, unguardedSecond);

        assertThat(race.violations()).anyMatch(v -> v.startsWith("seats in two holds"));
    }

    private record Race(int won, int conflicts, int unexpected, List<String> violations) {
    }

    private Race race(EmbeddedServer one, EmbeddedServer other) throws Exception {
        CatalogHolder catalog = first.getApplicationContext().getBean(CatalogHolder.class);
        Instant soon = Instant.now().plus(2, ChronoUnit.HOURS);
        Show show = catalog.current().cinemas().stream().flatMap(c -> catalog.current().showsAt(c.id()).stream())
                .filter(s -> s.isOnSale(soon)).skip(nextShow++).findFirst().orElseThrow();
        List<Seat> hall = catalog.current().hall(show.hallId()).orElseThrow().layout().seats();
        List<String> hot = hall.stream().filter(s -> s.category().equals("standard")).limit(HOT_SEATS).map(Seat::ref).toList();

        Map<String, List<String>> heldByHold = new ConcurrentHashMap<>();
        Set<String> soldAtBoxOffice = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                URI gateway = URI.create((c % 2 == 0 ? one : other).getURL() + "/api/v1/holds");
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
        SeatAvailability atChain = first.getApplicationContext().getBean(ChainRegistry.class).chain("aurora").orElseThrow()
                .theatre().readSeats(show.ref());
        return new Race(heldByHold.size(), conflicts.get(), unexpected.get(),
                violations(heldByHold, soldAtBoxOffice, atChain, hall));
    }

    /** Every way the outcome breaks "no seat held or sold twice, every 201 a lock, held + sold + free = capacity". */
    private static List<String> violations(Map<String, List<String>> heldByHold, Set<String> soldAtBoxOffice,
            SeatAvailability atChain, List<Seat> hall) {
        List<String> violations = new ArrayList<>();
        Map<String, Integer> timesHeld = new HashMap<>();
        heldByHold.values().forEach(seats -> seats.forEach(s -> timesHeld.merge(s, 1, Integer::sum)));
        List<String> twice = timesHeld.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        if (!twice.isEmpty()) {
            violations.add("seats in two holds: " + twice);
        }
        if (!Collections.disjoint(timesHeld.keySet(), soldAtBoxOffice)) {
            violations.add("seats both held and sold at the box office");
        }
        if (!atChain.heldSeats().equals(timesHeld.keySet())) {
            violations.add("the chain's held seats are not the seats of the 201 answers");
        }
        if (!atChain.soldSeats().equals(soldAtBoxOffice)) {
            violations.add("the chain's sold seats are not the box office's sales");
        }
        Set<String> free = hall.stream().map(Seat::ref).collect(Collectors.toCollection(HashSet::new));
        free.removeAll(atChain.heldSeats());
        free.removeAll(atChain.soldSeats());
        if (atChain.heldSeats().size() + atChain.soldSeats().size() + free.size() != hall.size()) {
            violations.add("held + sold + free is not the capacity");
        }
        return violations;
    }

    private HttpResponse<String> hold(URI gateway, String showId, List<String> seats, String email) throws Exception {
        String body = HoldRequests.body(showId, seats, email);
        return http.send(HttpRequest.newBuilder(gateway).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).header(ApiClient.API_KEY, ApiClient.TEST_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> pick(List<String> seats, Random random, int count) {
        List<String> copy = new ArrayList<>(seats);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, count));
    }
}
