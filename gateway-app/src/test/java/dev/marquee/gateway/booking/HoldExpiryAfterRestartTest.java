package dev.marquee.gateway.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.testing.ApiShows;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.GatewayProcess;
import dev.marquee.gateway.web.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds expire across a restart: expiry lives in the database, so a hold placed by a gateway killed with
 * {@code kill -9} is ended by the next one after its time, which releases its lock at the chain long before
 * the chain would drop it itself. The control run starts the second gateway without its sweeper: the chain
 * keeps the seats held.
 */
@Execution(ExecutionMode.CONCURRENT) // its own processes, database, broker and ports: runs beside the others
class HoldExpiryAfterRestartTest {
    private static final Duration HOLD_TTL = Duration.ofSeconds(4);
    /** The chain's lock outlives the hold by a minute, far longer than the test looks. */
    private static final Duration CHAIN_MARGIN = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void aHoldPlacedBeforeTheGatewayWasKilledIsEndedByTheNextOneAndItsSeatsFreedAtTheChain() {
        assertThat(heldAtTheChainAfterRestart(true)).as("freed by the new gateway's sweeper").isEmpty();
    }

    @Test
    void controlRunWithoutTheSweeperTheChainKeepsTheSeatsHeld() {
        assertThat(heldAtTheChainAfterRestart(false)).as("still locked at the chain").hasSize(2);
    }

    /** The seats of the hold that the chain still holds six seconds after the new gateway started. */
    private Set<String> heldAtTheChainAfterRestart(boolean sweep) {
        try (SandboxTheatre chain = SandboxTheatre.builder().seed(71).size("small").chainName("Aurora Cinemas").start()) {
            int port = BookingJourney.freePort();
            Map<String, String> settings = new HashMap<>(Map.of(
                    "marquee.chains.aurora.name", "Aurora Cinemas",
                    "marquee.chains.aurora.adapter", "rest",
                    "marquee.chains.aurora.settings.base-url", chain.baseUrl().toString(),
                    "marquee.chains.aurora.seat-map-ttl", "0s",
                    "marquee.holds.ttl", HOLD_TTL.toSeconds() + "s",
                    "marquee.holds.chain-margin", CHAIN_MARGIN.toSeconds() + "s",
                    "marquee.holds.idempotency-lease", "2s",
                    "marquee.holds.sweep-interval", "200ms",
                    "marquee.mail.folder", data.resolve("mail").toString(),
                    "marquee.messaging.embedded-port", Integer.toString(BookingJourney.freePort())));
            Map<String, String> environment = Map.of("MARQUEE_DB_URL", "jdbc:h2:file:" + data.resolve("gateway")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
            String name = sweep ? "hold-expiry-restart" : "hold-expiry-restart-control";
            String showId;
            List<String> seats;
            Instant expiresAt;
            try (GatewayProcess gateway = GatewayProcess.start(port, settings, environment, name + "-first")) {
                ApiClient api = new ApiClient(gateway.url());
                showId = ApiShows.aShowOnSale(api).path("id").asText();
                seats = ApiShows.freeSeats(api, showId, 2);
                JsonNode hold = new BookingJourney(api, null).hold(showId, seats, "marie@example.org");
                expiresAt = Instant.parse(hold.path("expiresAt").asText());
                gateway.kill();
            }
            pauseUntil(expiresAt.plusSeconds(1));
            settings.put("marquee.holds.sweep", Boolean.toString(sweep));
            try (GatewayProcess gateway = GatewayProcess.start(port, settings, environment, name + "-second")) {
                ApiClient api = new ApiClient(gateway.url());
                Instant lookUntil = Instant.now().plusSeconds(6);
                Set<String> held = heldOf(api, showId, seats);
                while (!held.isEmpty() && Instant.now().isBefore(lookUntil)) {
                    pauseUntil(Instant.now().plusMillis(250));
                    held = heldOf(api, showId, seats);
                }
                return held;
            }
        }
    }

    /** Which of these seats the seat map (read live from the chain) shows held. */
    private static Set<String> heldOf(ApiClient api, String showId, List<String> seats) {
        JsonNode map = api.get("/api/v1/shows/" + showId + "/seats").json().path("seats");
        return Set.copyOf(StreamSupport.stream(map.spliterator(), false)
                .filter(seat -> seats.contains(seat.path("id").asText()) && seat.path("status").asText().equals("HELD"))
                .map(seat -> seat.path("id").asText()).toList());
    }

    private static void pauseUntil(Instant when) {
        Duration wait = Duration.between(Instant.now(), when);
        if (wait.isNegative()) {
            return;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
