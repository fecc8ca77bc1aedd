package dev.marquee.gateway.ticketing;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many scanners reading the same ticket at the same moment. */
final class CheckinRace {
    private CheckinRace() {
    }

    /** The status each of {@code scanners} concurrent check-ins of one payload got. */
    static List<Integer> race(URL server, String staffKey, String payload, int scanners) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/api/v1/checkins"))
                .header("Authorization", "Bearer " + staffKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CheckinApiTest.body(payload)))
                .build();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> scans = new ArrayList<>();
        for (int i = 0; i < scanners; i++) {
            scans.add(() -> {
                go.await();
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(scanners)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> scan : scans) {
                answers.add(pool.submit(scan));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }
        return statuses;
    }
}
