package dev.marquee.sandbox.booking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.SandboxTestSupport;
import dev.marquee.sandbox.support.TheatreHttp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@SandboxIntegrationTest
class LockRaceTest extends SandboxTestSupport {
    private static final int CLIENTS = 24;
    private static final int ATTEMPTS_EACH = 8;

    @Test
    void clientsRacingForOverlappingSeatsNeverGetTheSameSeat() throws InterruptedException {
        ShowSeats show = aShow();
        List<String> contested = show.seatIds().subList(0, 12);
        ConcurrentLinkedQueue<List<String>> granted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);

        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                clients.submit(() -> {
                    Random random = new Random(id);
                    start.await();
                    for (int attempt = 0; attempt < ATTEMPTS_EACH; attempt++) {
                        List<String> wanted = new ArrayList<>(contested);
                        Collections.shuffle(wanted, random);
                        wanted = wanted.subList(0, 1 + random.nextInt(3));
                        TheatreHttp.Answer answer = lock(show.showId(), wanted, "client-" + id + "-" + attempt);
                        statuses.add(answer.status());
                        if (answer.status() == 201) {
                            granted.add(texts(answer.json().path("seatIds")));
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        Map<String, Integer> holders = new HashMap<>();
        granted.forEach(seats -> seats.forEach(seat -> holders.merge(seat, 1, Integer::sum)));
        assertThat(holders.values()).allMatch(count -> count == 1);
        assertThat(statuses).containsOnly(201, 409).contains(201, 409);
        List<String> held = texts(http.get("/theatre/v1/shows/" + show.showId() + "/seats").json().path("held"));
        assertThat(held).containsExactlyInAnyOrderElementsOf(holders.keySet());
    }
}
