package dev.marquee.gateway.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.booking.holds.HoldNotRecordedException;
import dev.marquee.booking.holds.HoldRequest;
import dev.marquee.booking.holds.Holds;
import dev.marquee.booking.idempotency.IdempotentRequests;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.contracts.sandbox.BoxOfficeSale;
import dev.marquee.contracts.sandbox.Faults;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.clients.ApiClients;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.testing.RowCount;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.TestClock;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatLockRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Seat holds through the gateway against a running sandbox chain, every exchange checked against gateway-api.yaml. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoldApiTest implements TestPropertyProvider {
    private SandboxTheatre chain;

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
    TestClock clock;
    @Inject
    Holds holds;
    @Inject
    JsonMapper json;
    @Inject
    SingleStatements statements;
    @Inject
    TransactionOperations<Connection> transactions;

    private ApiClient api;
    private List<Show> shows;
    private int nextShow;

    @Override
    public Map<String, String> getProperties() {
        chain = SandboxTheatre.builder().seed(21).size("small").chainName("Aurora Cinemas").start();
        return Map.of(
                "marquee.sync.enabled", "false",
                "marquee.holds.sweep", "false",
                "marquee.test.clock", "fixed",
                "marquee.chains.aurora.adapter", "rest",
                "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                // Longer than the slow chain of the repeat sent while the first is at the chain, which must answer.
                "marquee.chains.aurora.settings.request-timeout", "30s",
                "marquee.chains.aurora.seat-map-ttl", "0s");
    }

    @BeforeAll
    void syncTheChain() {
        clock.set(Instant.now());
        tables.clear();
        sync.sync(chains.chain("aurora").orElseThrow());
        api = new ApiClient(server.getURL());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(2));
        assertThat(shows).hasSizeGreaterThan(10);
    }

    @BeforeEach
    void now() {
        clock.set(Instant.now());
    }

    @AfterAll
    void stopChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void aHoldLocksEverySeatAtTheChainAndTheSeatMapShowsThemHeld() {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 3);

        ApiClient.Answer answer = hold(UUID.randomUUID().toString(), show.id(), seats, "ada@example.org");

        assertThat(answer.status()).isEqualTo(201);
        JsonNode hold = answer.json();
        assertThat(hold.path("status").asText()).isEqualTo("HELD");
        assertThat(hold.path("token").asText()).isNotBlank();
        assertThat(hold.path("seats")).hasSize(3);
        Instant expiresAt = Instant.parse(hold.path("expiresAt").asText());
        assertThat(expiresAt).isBetween(clock.instant().plus(Duration.ofMinutes(4)), clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(statusesOf(show, seats)).containsOnly("HELD");
        assertThat(chains.chain("aurora").orElseThrow().theatre().readSeats(show.ref()).heldSeats()).containsAll(seats);
    }

    @Test
    void aTakenSeatAnswers409NamingExactlyTheTakenSeatsAndNothingIsHeld() {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 3);
        assertThat(chain.admin().sell(show.ref(), List.of(seats.get(1)))).isInstanceOf(BoxOfficeSale.Sold.class);

        ApiClient.Answer answer = hold(UUID.randomUUID().toString(), show.id(), seats, "bo@example.org");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("type").asText()).endsWith("/seats-taken");
        assertThat(answer.json().path("seatsTaken")).extracting(JsonNode::asText).containsExactly(seats.get(1));
        assertThat(statusesOf(show, List.of(seats.get(0), seats.get(2)))).containsOnly("AVAILABLE");
    }

    @Test
    void theSameKeyAndBodyAnswersTheFirstAnswerAgainAndHoldsOnce() {
        Show show = freshShow();
        String key = UUID.randomUUID().toString();
        ApiClient.Answer first = hold(key, show.id(), seatsOf(show, 2), "cy@example.org");
        ApiClient.Answer again = hold(key, show.id(), seatsOf(show, 2), "cy@example.org");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
    }

    @Test
    void theSameKeyWithAnotherBodyAnswers422() {
        Show show = freshShow();
        String key = UUID.randomUUID().toString();
        hold(key, show.id(), seatsOf(show, 1), "di@example.org");

        ApiClient.Answer other = hold(key, show.id(), seatsOf(show, 2), "di@example.org");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("type").asText()).endsWith("/idempotency-key-reused");
    }

    @Test
    void concurrentRequestsWithOneKeyRunOnce() throws Exception {
        Show show = freshShow();
        String key = UUID.randomUUID().toString();
        List<String> seats = seatsOf(show, 2);
        List<Callable<ApiClient.Answer>> same = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            same.add(() -> hold(key, show.id(), seats, "ed@example.org"));
        }
        List<ApiClient.Answer> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<ApiClient.Answer> f : pool.invokeAll(same)) {
                answers.add(f.get());
            }
        }

        assertThat(answers).extracting(ApiClient.Answer::status).containsOnly(201);
        assertThat(answers.stream().map(a -> a.json().path("holdId").asText()).collect(Collectors.toSet())).hasSize(1);
    }

    @Test
    void twoRequestsWithOneKeyAtTheChainTogetherGetTheSameHoldAndTheChainOneLock() throws Exception {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 2);
        String key = key();
        ApiClient.Answer first;
        ApiClient.Answer repeat;
        // The chain takes 2 s to answer each lock, so both are at the chain at the same time.
        chain.admin().faults(Faults.slow(Duration.ofSeconds(2)));
        try (var pool = Executors.newFixedThreadPool(2)) {
            Future<ApiClient.Answer> firstSent = pool.submit(() -> hold(key, show.id(), seats, "pa@example.org"));
            Future<ApiClient.Answer> repeatSent = pool.submit(() -> hold(key, show.id(), seats, "pa@example.org"));
            first = firstSent.get(20, TimeUnit.SECONDS);
            repeat = repeatSent.get(20, TimeUnit.SECONDS);
        } finally {
            chain.admin().faults(Faults.none());
        }

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.body()).as("both answer with the answer kept first").isEqualTo(first.body());
        String holdId = first.json().path("holdId").asText();
        assertThat(RowCount.of(transactions, "SELECT COUNT(*) FROM holds WHERE show_id = ?", show.id())).isEqualTo(1);
        assertThat(liveLocksAtTheChain(show.ref(), holdId)).as("live locks at the chain for the hold").isEqualTo(1);
        assertThat(statusesOf(show, seats)).containsOnly("HELD");
    }

    @Test
    void aChainFailureAnswers503WithRetryAfterAndIsNotKeptAsTheKeysAnswer() {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 2);
        String key = UUID.randomUUID().toString();
        chain.admin().faults(Faults.refusingLocks());
        ApiClient.Answer failed;
        try {
            failed = hold(key, show.id(), seats, "lu@example.org");
        } finally {
            chain.admin().faults(Faults.none());
        }

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.retryAfter()).isNotBlank();
        assertThat(statusesOf(show, seats)).containsOnly("AVAILABLE");
        ApiClient.Answer retried = hold(key, show.id(), seats, "lu@example.org");
        assertThat(retried.status()).isEqualTo(201);
    }

    @Test
    void aHoldNeedsAnIdempotencyKey() {
        Show show = freshShow();
        ApiClient.Answer answer = api.call("POST", "/api/v1/holds", Map.of(), HoldRequests.body(show.id(), seatsOf(show, 1), "fe@example.org"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamNames()).containsExactly("Idempotency-Key");
    }

    @Test
    void badInputIsAnsweredNamingTheFieldAndHoldsNothing() {
        Show show = freshShow();
        List<String> two = seatsOf(show, 2);

        assertThat(hold(key(), show.id(), List.of(), "g@example.org").invalidParamNames()).containsExactly("seatIds");
        assertThat(hold(key(), show.id(), List.of(two.get(0), two.get(0)), "g@example.org").invalidParamNames())
                .containsExactly("seatIds");
        assertThat(hold(key(), show.id(), List.of("Z999"), "g@example.org").invalidParamNames()).containsExactly("seatIds");
        assertThat(hold(key(), show.id(), two, "not-an-email").invalidParamNames()).containsExactly("email");
        assertThat(hold(key(), show.id(), seatsOf(show, 11), "g@example.org").invalidParamNames()).containsExactly("seatIds");
        ApiClient.Answer unknownShow = hold(key(), "aurora:no-such-show", two, "g@example.org");
        assertThat(unknownShow.status()).isEqualTo(404);
        assertThat(unknownShow.invalidParamNames()).containsExactly("showId");
        assertThat(statusesOf(show, two)).containsOnly("AVAILABLE");
    }

    @Test
    void oneEmailHoldsAtMostTenSeatsOfAShow() {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 12);
        assertThat(hold(key(), show.id(), seats.subList(0, 8), "hu@example.org").status()).isEqualTo(201);

        ApiClient.Answer third = hold(key(), show.id(), seats.subList(8, 11), "HU@example.org");

        assertThat(third.status()).isEqualTo(422);
        assertThat(third.invalidParamNames()).containsExactly("email");
        assertThat(statusesOf(show, seats.subList(8, 11))).containsOnly("AVAILABLE");
    }

    @Test
    void holdsOfOneEmailPlacedAtOnceStayWithinItsLimit() throws Exception {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 16);
        List<Callable<ApiClient.Answer>> pairs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            List<String> pair = seats.subList(2 * i, 2 * i + 2);
            pairs.add(() -> hold(key(), show.id(), pair, "iv@example.org"));
        }
        List<ApiClient.Answer> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<ApiClient.Answer> f : pool.invokeAll(pairs)) {
                answers.add(f.get());
            }
        }

        assertThat(answers).extracting(ApiClient.Answer::status).as("ten seats: five pairs").containsOnly(201, 422)
                .filteredOn(status -> status == 201).hasSize(5);
        answers.stream().filter(a -> a.status() == 422).forEach(a -> assertThat(a.invalidParamNames()).containsExactly("email"));
        assertThat(statusesOf(show, seats)).as("the refused pairs are not left locked at the chain")
                .filteredOn("HELD"::equals).hasSize(10);
    }

    @Test
    void aHoldIsReadAndReleasedOnlyWithItsToken() {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 2);
        JsonNode created = hold(key(), show.id(), seats, "iv@example.org").json();
        String path = "/api/v1/holds/" + created.path("holdId").asText();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + created.path("token").asText());

        assertThat(api.call("GET", path, Map.of(), null).status()).isEqualTo(401);
        assertThat(api.call("GET", path, Map.of("Authorization", "Bearer wrong"), null).status()).isEqualTo(404);
        ApiClient.Answer read = api.call("GET", path, bearer, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("token")).isFalse();
        assertThat(api.call("DELETE", path, Map.of("Authorization", "Bearer wrong"), null).status()).isEqualTo(404);
        assertThat(statusesOf(show, seats)).containsOnly("HELD");

        ApiClient.Answer released = api.call("DELETE", path, bearer, null);

        assertThat(released.json().path("status").asText()).isEqualTo("RELEASED");
        assertThat(statusesOf(show, seats)).containsOnly("AVAILABLE");
        assertThat(chains.chain("aurora").orElseThrow().theatre().readSeats(show.ref()).heldSeats()).doesNotContainAnyElementsOf(seats);
    }

    @Test
    void aHoldNotCheckedOutInTimeExpiresAndItsSeatsAreFreeAgain() {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 2);
        JsonNode created = hold(key(), show.id(), seats, "jo@example.org").json();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        int expired = holds.expireDue();

        assertThat(expired).isGreaterThanOrEqualTo(1);
        ApiClient.Answer read = api.call("GET", "/api/v1/holds/" + created.path("holdId").asText(),
                Map.of("Authorization", "Bearer " + created.path("token").asText()), null);
        assertThat(read.json().path("status").asText()).isEqualTo("EXPIRED");
        assertThat(statusesOf(show, seats)).containsOnly("AVAILABLE");
        clock.set(Instant.now());
        assertThat(hold(key(), show.id(), seats, "ka@example.org").status()).isEqualTo(201);
    }

    @Test
    void seatsLockedAtTheChainForARequestWhoseInstanceDiedBeforeRecordingAreTheRetrysHold() throws Exception {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 2);
        String key = key();
        // The first request locked the seats at the chain under the hold id every repeat of it derives, and its instance
        // died before recording the hold. As the controller hashes a request: the API client's id, then the body.
        String requestHash = Tokens.hash(ApiClients.DEMO_CLIENT_ID + "\n" + json.writeValueAsString(new HoldBody(show.id(), seats, "lo@example.org")));
        String holdId = IdempotentRequests.derivedId("hld", key, requestHash);
        assertThat(chains.chain("aurora").orElseThrow().theatre().lockSeats(new SeatLockRequest(show.ref(), seats, Duration.ofMinutes(6),
                holdId))).isInstanceOf(LockOutcome.Locked.class);

        ApiClient.Answer retried = hold(key, show.id(), seats, "lo@example.org");

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().path("holdId").asText()).isEqualTo(holdId);
        ApiClient.Answer read = api.call("GET", "/api/v1/holds/" + holdId,
                Map.of("Authorization", "Bearer " + retried.json().path("token").asText()), null);
        assertThat(read.json().path("status").asText()).isEqualTo("HELD");
        assertThat(liveLocksAtTheChain(show.ref(), holdId)).as("live locks at the chain for the hold").isEqualTo(1);
        assertThat(statusesOf(show, seats)).containsOnly("HELD");
    }

    @Test
    void aHoldWhoseAnswerCannotBeKeptIsNotRecordedAndItsSeatsAreLetGoAtTheChain() {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 2);
        String holdId = holds.newHoldId();

        assertThatThrownBy(() -> holds.placeNew(holdId, new HoldRequest(show.id(), seats, "np@example.org"), (hold, token) -> {
            statements.write(c -> {
                try (PreparedStatement touch = c.prepareStatement("UPDATE holds SET account_id = NULL WHERE id = ?")) {
                    touch.setString(1, hold.id());
                    assertThat(touch.executeUpdate()).as("the receipt runs where the hold is recorded").isEqualTo(1);
                    return 1;
                }
            });
            throw new IllegalStateException("the answer could not be kept");
        })).isInstanceOf(HoldNotRecordedException.class);

        assertThat(RowCount.of(transactions, "SELECT COUNT(*) FROM holds WHERE id = ?", holdId)).as("the hold went with its answer")
                .isZero();
        assertThat(hold(key(), show.id(), seats, "np@example.org").status()).as("the chain let the seats go").isEqualTo(201);
    }

    @Test
    void theKeptAnswerHoldsNoTokenInPlainTextAndItsReplayGivesAWorkingToken() {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 1);
        String key = key();
        ApiClient.Answer first = hold(key, show.id(), seats, "mo@example.org");
        ApiClient.Answer replay = hold(key, show.id(), seats, "mo@example.org");

        String token = first.json().path("token").asText();
        assertThat(replay.body()).isEqualTo(first.body());
        String kept = statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT response_body FROM idempotency_keys WHERE idem_key = ?")) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(kept).startsWith("v1:").doesNotContain(token).doesNotContain(first.json().path("holdId").asText());
        assertThat(api.call("GET", "/api/v1/holds/" + replay.json().path("holdId").asText(),
                Map.of("Authorization", "Bearer " + replay.json().path("token").asText()), null).status()).isEqualTo(200);
    }

    @Test
    void aRefusedRequestIsNotKeptSoItsRepeatRunsAgain() {
        Show show = freshShow();
        List<String> seats = seatsOf(show, 2);
        JsonNode blocker = hold(key(), show.id(), seats.subList(1, 2), "no@example.org").json();
        String key = key();
        assertThat(hold(key, show.id(), seats, "op@example.org").status()).isEqualTo(409);
        api.call("DELETE", "/api/v1/holds/" + blocker.path("holdId").asText(),
                Map.of("Authorization", "Bearer " + blocker.path("token").asText()), null);

        ApiClient.Answer repeated = hold(key, show.id(), seats, "op@example.org");

        assertThat(repeated.status()).isEqualTo(201);
        assertThat(statusesOf(show, seats)).containsOnly("HELD");
    }

    private ApiClient.Answer hold(String key, String showId, List<String> seats, String email) {
        return api.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", key), HoldRequests.body(showId, seats, email));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** A show no other test used, so tests do not share seats. */
    private synchronized Show freshShow() {
        return shows.get(nextShow++);
    }

    private List<String> seatsOf(Show show, int count) {
        return catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream()
                .filter(s -> s.category().equals("standard")).limit(count).map(Seat::ref).toList();
    }

    /** Live locks made for a reference, counted from the chain's own tables. */
    private int liveLocksAtTheChain(String showRef, String reference) throws SQLException {
        try (Connection connection = DriverManager.getConnection(chain.jdbcUrl(), "postgres", "");
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM locks WHERE show_id = ? AND reference = ? "
                        + "AND state = 'ACTIVE' AND expires_at > CURRENT_TIMESTAMP")) {
            count.setString(1, showRef);
            count.setString(2, reference);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private List<String> statusesOf(Show show, List<String> seats) {
        Set<String> wanted = new HashSet<>(seats);
        List<String> statuses = new ArrayList<>();
        api.get("/api/v1/shows/" + show.id() + "/seats").json().path("seats").forEach(seat -> {
            if (wanted.contains(seat.path("id").asText())) {
                statuses.add(seat.path("status").asText());
            }
        });
        assertThat(statuses).hasSize(seats.size());
        return statuses;
    }
}
