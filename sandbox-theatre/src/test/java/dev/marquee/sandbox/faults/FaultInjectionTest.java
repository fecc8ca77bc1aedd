package dev.marquee.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.contracts.Exchange;
import dev.marquee.contracts.sandbox.Faults;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.SandboxTestSupport;
import dev.marquee.sandbox.support.TheatreHttp;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@SandboxIntegrationTest
@Property(name = "sandbox.faults.seed", value = "2024")
class FaultInjectionTest extends SandboxTestSupport {
    private static final String CATALOG = "/theatre/v1/catalog?limit=1";

    @Test
    void noFaultsAreInForceAtFirst() {
        Faults now = admin.faults();

        assertThat(now.any()).isFalse();
        assertThat(now.seed()).isEqualTo(2024);
        assertThat(http.get(CATALOG).status()).isEqualTo(200);
    }

    @Test
    void anOutageAnswersEveryTheatreCallWith503WhileTheAdminApiWorks() {
        ShowSeats show = aShow();

        Faults applied = admin.faults(Faults.down());

        assertThat(applied.outage()).isTrue();
        TheatreHttp.Answer catalogRead = http.get(CATALOG);
        assertThat(catalogRead.status()).isEqualTo(503);
        assertThat(catalogRead.contentType()).startsWith("application/problem+json");
        assertThat(catalogRead.text("type")).isEqualTo("https://marquee.dev/problems/theatre/unavailable");
        assertThat(http.get("/theatre/v1/shows/" + show.showId() + "/seats").status()).isEqualTo(503);
        assertThat(lock(show.showId(), show.seatIds().subList(0, 1), "during-outage").status()).isEqualTo(503);
        assertThat(admin.info().chainName()).isNotBlank();
        assertThat(admin.faults().outage()).isTrue();
    }

    @Test
    void anOutageThatRefusesClosesTheConnectionWithoutAnAnswer() {
        admin.faults(Faults.refusingConnections());
        HttpClient raw = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base().resolve(CATALOG)).timeout(Duration.ofSeconds(10)).build();

        assertThatThrownBy(() -> raw.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(admin.faults().outageMode()).isEqualTo(Faults.OutageMode.REFUSE);
        assertThat(admin.info().chainName()).isNotBlank();
    }

    @Test
    void latencyDelaysTheatreCallsButNotTheAdminApi() {
        admin.faults(Faults.slow(Duration.ofMillis(1_500)));

        long theatreMillis = millisOf(() -> assertThat(http.get(CATALOG).status()).isEqualTo(200));
        long adminMillis = millisOf(() -> admin.info());

        assertThat(theatreMillis).isGreaterThanOrEqualTo(1_500);
        assertThat(adminMillis).isLessThan(1_500);
    }

    @Test
    void jitterAddsAtMostItsOwnLengthToTheLatency() {
        admin.faults(Faults.slow(Duration.ofMillis(100)).withLatencyJitter(Duration.ofMillis(200)));

        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            delays.add(faults.judge(HttpMethod.GET, "/theatre/v1/catalog").delay());
        }

        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofMillis(300)));
        assertThat(delays.stream().distinct().count()).as("jitter varies the delay").isGreaterThan(50);
        assertThat(millisOf(() -> http.get(CATALOG))).isGreaterThanOrEqualTo(100);
    }

    @Test
    void delayedRequestsDoNotHoldTheServersThreads() {
        // Netty has a handful of event loop threads: were each delay a sleeping thread, 40 delayed calls
        // would take ten rounds of the delay; as timers they all wait at once.
        admin.faults(Faults.slow(Duration.ofMillis(1_000)));
        HttpClient raw = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base().resolve(CATALOG)).timeout(Duration.ofSeconds(30)).build();

        long millis = millisOf(() -> {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(raw.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            long adminMillis = millisOf(() -> admin.info());
            assertThat(adminMillis).as("the admin API while 40 theatre calls wait").isLessThan(1_000);
            assertThat(calls).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        });

        assertThat(millis).isBetween(1_000L, 4_000L);
    }

    @Test
    void anErrorRateFailsAboutThatShareOfCalls() {
        admin.faults(Faults.failing(0.3));

        List<Integer> statuses = statusesOf(300);

        long failed = statuses.stream().filter(s -> s == 503).count();
        assertThat(statuses).containsOnly(200, 503);
        assertThat(failed).isBetween(60L, 120L);
    }

    @Test
    void theSameSeedFailsTheSameCalls() {
        admin.faults(Faults.failing(0.5).withSeed(99));
        List<Integer> first = statusesOf(40);

        admin.faults(Faults.failing(0.5).withSeed(99));
        List<Integer> second = statusesOf(40);

        admin.faults(Faults.failing(0.5).withSeed(100));
        List<Integer> otherSeed = statusesOf(40);

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void refusedLocksFailWhileReadsWork() {
        ShowSeats show = aShow();
        admin.faults(Faults.refusingLocks());

        assertThat(lock(show.showId(), show.seatIds().subList(0, 1), "refused").status()).isEqualTo(503);
        assertThat(http.get("/theatre/v1/shows/" + show.showId() + "/seats").status()).isEqualTo(200);
        assertThat(http.get(CATALOG).status()).isEqualTo(200);
    }

    @Test
    void clearingTheFaultsRestoresNormalAnswers() {
        ShowSeats show = aShow();
        admin.faults(Faults.down().withLatency(Duration.ofMillis(2_000)).withRefuseLocks(true));

        admin.clearFaults();

        assertThat(admin.faults().any()).isFalse();
        assertThat(millisOf(() -> assertThat(http.get(CATALOG).status()).isEqualTo(200))).isLessThan(2_000);
        assertThat(lock(show.showId(), show.seatIds().subList(0, 1), "after-clear").status()).isEqualTo(201);
    }

    @Test
    void aPutReplacesEverySettingItLeavesOut() {
        admin.faults(Faults.down().withRefuseLocks(true));

        TheatreHttp.Answer answer = http.put("/sandbox/v1/faults", TheatreHttp.json(Map.of("latencyMs", 5)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("latencyMs").asLong()).isEqualTo(5);
        assertThat(answer.json().path("outage").asBoolean()).isFalse();
        assertThat(answer.json().path("refuseLocks").asBoolean()).isFalse();
        assertThat(answer.text("outageMode")).isEqualTo("unavailable");
    }

    @Test
    void nonsenseSettingsAreRefusedNamingTheFieldAndChangeNothing() {
        admin.faults(Faults.slow(Duration.ofMillis(7)));

        assertRefused(Map.of("errorRate", 1.5), "errorRate");
        assertRefused(Map.of("errorRate", "often"), "errorRate");
        assertRefused(Map.of("latencyMs", -1), "latencyMs");
        assertRefused(Map.of("latencyMs", 2.5), "latencyMs");
        assertRefused(Map.of("latencyJitterMs", 86_400_000), "latencyJitterMs");
        assertRefused(Map.of("outage", "yes"), "outage");
        assertRefused(Map.of("outageMode", "explode"), "outageMode");
        assertRefused(Map.of("refuseLocks", 1), "refuseLocks");
        assertRefused(Map.of("latency", 100), "latency");

        assertThat(admin.faults().latency()).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void theFaultsApiHonoursItsDocument() {
        AdminApiDocument adminApi = AdminApiDocument.load();
        String settings = TheatreHttp.json(Map.of("latencyMs", 10, "errorRate", 0.25, "outage", true, "outageMode", "refuse"));

        TheatreHttp.Answer put = http.put("/sandbox/v1/faults", settings);
        TheatreHttp.Answer get = http.get("/sandbox/v1/faults");
        TheatreHttp.Answer refused = http.put("/sandbox/v1/faults", TheatreHttp.json(Map.of("errorRate", 2)));
        TheatreHttp.Answer cleared = http.delete("/sandbox/v1/faults");

        adminApi.assertConforms(exchange("PUT", settings, put));
        adminApi.assertConforms(exchange("GET", null, get));
        // the request breaks the document on purpose; the answer is judged against a well-formed one
        adminApi.assertConforms(exchange("PUT", "{}", refused));
        adminApi.assertConforms(exchange("DELETE", null, cleared));
        assertThat(List.of(put.status(), get.status(), refused.status(), cleared.status())).containsExactly(200, 200, 400, 204);
    }

    private Exchange exchange(String method, String body, TheatreHttp.Answer answer) {
        return new Exchange(method, base().resolve("/sandbox/v1/faults"), Map.of(), body, answer.status(), answer.contentType(),
                answer.body() == null || answer.body().isEmpty() ? null : answer.body());
    }

    private void assertRefused(Map<String, Object> body, String field) {
        TheatreHttp.Answer answer = http.put("/sandbox/v1/faults", TheatreHttp.json(body));
        assertThat(answer.status()).as("PUT %s", body).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("type")).isEqualTo("https://marquee.dev/problems/theatre/bad-request");
        assertThat(answer.text("field")).as("PUT %s", body).isEqualTo(field);
        assertThat(answer.text("detail")).contains(field);
    }

    private List<Integer> statusesOf(int calls) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            statuses.add(http.get(CATALOG).status());
        }
        return statuses;
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    private static long millisOf(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
