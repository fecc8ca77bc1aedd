// Contested seat holds: through the gateway, and the same lock transaction straight on PostgreSQL.
// Run by bench/hold-contention.sh with the gateway's jar on the class path (for Jackson and the
// PostgreSQL driver): java -cp gateway.jar bench/HoldBench.java <gateway-url> <chain-jdbc-url>
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

public class HoldBench {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int ATTEMPTS = Integer.getInteger("attempts", 3000);
    static final int CLIENTS = Integer.getInteger("clients", 32);
    static final int HOT_SEATS = 300;
    static final int MANY_SHOWS = 40;

    record Target(String showId, String chainRef, List<String> seats) {}
    record Result(String name, int attempts, int won, int lost, int failed, double seconds, long p50, long p99, int doubleBooked) {}
    interface Attempt { Outcome run(Target target, List<String> seats, int n) throws Exception; }
    record Outcome(boolean won, boolean lost) {}

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String jdbc = args[1];
        String chainApi = args[2];
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<Target> targets = targets(http, gateway, 3 * (1 + MANY_SHOWS));
        // Each way in races on shows of its own, so none finds another's locks.
        Target hotGateway = targets.get(0);
        Target hotRaw = targets.get(1);
        Target hotChainApi = targets.get(2);
        List<Target> manyGateway = targets.subList(3, 3 + MANY_SHOWS);
        List<Target> manyRaw = targets.subList(3 + MANY_SHOWS, 3 + 2 * MANY_SHOWS);
        List<Target> manyChainApi = targets.subList(3 + 2 * MANY_SHOWS, 3 + 3 * MANY_SHOWS);

        Attempt viaGateway = (target, seats, n) -> {
            String body = "{\"showId\":\"" + target.showId() + "\",\"seatIds\":[" + seats.stream().map(s -> "\"" + s + "\"")
                    .collect(Collectors.joining(",")) + "],\"email\":\"user" + n + "@bench.example\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/holds"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(r.statusCode() == 201, r.statusCode() == 409);
        };
        Attempt viaChainApi = (target, seats, n) -> {
            String body = "{\"showId\":\"" + target.chainRef() + "\",\"seatIds\":[" + seats.stream().map(x -> "\"" + x + "\"")
                    .collect(Collectors.joining(",")) + "],\"ttlSeconds\":330,\"reference\":\"" + UUID.randomUUID() + "\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(chainApi + "/theatre/v1/locks"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Outcome(r.statusCode() == 201, r.statusCode() == 409);
        };
        // One connection per client, as a pool would give; each client is one virtual thread.
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(jdbc, "postgres", "");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Attempt raw = (target, seats, n) -> {
            boolean won = lockStraight(connections.get(), target.chainRef(), seats);
            return new Outcome(won, !won);
        };
        List<Result> results = new ArrayList<>();
        results.add(run("gateway, one hot show (" + HOT_SEATS + " seats)", List.of(hotGateway), viaGateway));
        results.add(run("gateway, " + MANY_SHOWS + " shows at once", manyGateway, viaGateway));
        results.add(run("chain's HTTP lock API, one hot show", List.of(hotChainApi), viaChainApi));
        results.add(run("chain's HTTP lock API, " + MANY_SHOWS + " shows at once", manyChainApi, viaChainApi));
        results.add(run("PostgreSQL lock transaction, one hot show", List.of(hotRaw), raw));
        results.add(run("PostgreSQL lock transaction, " + MANY_SHOWS + " shows at once", manyRaw, raw));

        System.out.println("| run | attempts | holds won | conflicts (409) | other answers | successful holds/s | attempts/s | p50 ms | p99 ms | seats held twice |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            System.out.printf("| %s | %d | %d | %d | %d | %.0f | %.0f | %.1f | %.1f | %d |%n", r.name(), r.attempts(), r.won(), r.lost(),
                    r.failed(), r.won() / r.seconds(), r.attempts() / r.seconds(), r.p50() / 1e6, r.p99() / 1e6, r.doubleBooked());
        }
    }

    static Result run(String name, List<Target> targets, Attempt attempt) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> wonSeats = new ConcurrentLinkedQueue<>();
        AtomicInteger won = new AtomicInteger(), lost = new AtomicInteger(), failed = new AtomicInteger(), next = new AtomicInteger();
        Semaphore done = new Semaphore(0);
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(c * 31L + name.hashCode());
                pool.submit(() -> {
                    int n;
                    while ((n = next.getAndIncrement()) < ATTEMPTS) {
                        Target target = targets.get(random.nextInt(targets.size()));
                        List<String> copy = new ArrayList<>(target.seats());
                        Collections.shuffle(copy, random);
                        List<String> seats = copy.subList(0, 1 + random.nextInt(3));
                        long t0 = System.nanoTime();
                        try {
                            Outcome o = attempt.run(target, seats, n);
                            if (o.won()) {
                                won.incrementAndGet();
                                seats.forEach(s -> wonSeats.add(target.showId() + "/" + s));
                            } else if (o.lost()) {
                                lost.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            if (failed.incrementAndGet() == 1) {
                                System.err.println(name + ": first failure: " + e);
                            }
                        }
                        latencies.add(System.nanoTime() - t0);
                    }
                    done.release();
                    return null;
                });
            }
            done.acquire(CLIENTS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = latencies.stream().sorted().toList();
        Map<String, Integer> times = new HashMap<>();
        wonSeats.forEach(s -> times.merge(s, 1, Integer::sum));
        int twice = (int) times.values().stream().filter(v -> v > 1).count();
        Result r = new Result(name, ATTEMPTS, won.get(), lost.get(), failed.get(), seconds,
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)), twice);
        System.err.println("done: " + r);
        return r;
    }

    /** The chain's lock recipe (contracts/sandbox-schema.md), as one JDBC transaction. */
    static boolean lockStraight(Connection c, String show, List<String> seats) throws SQLException {
        c.setAutoCommit(false);
        try {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM shows WHERE id = ? FOR UPDATE")) {
                s.setString(1, show);
                s.executeQuery().close();
            }
            // Expired locks first (usually none), then their claims by lock id: as the sandbox does it.
            List<String> expired = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM locks WHERE show_id = ? AND state = 'ACTIVE' AND expires_at <= ?")) {
                s.setString(1, show);
                s.setTimestamp(2, now);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        expired.add(rs.getString(1));
                    }
                }
            }
            if (!expired.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM seat_claims WHERE booking_id IS NULL AND lock_id = ANY (?)")) {
                    s.setArray(1, c.createArrayOf("varchar", expired.toArray()));
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT seat_id FROM seat_claims WHERE show_id = ? AND seat_id = ANY (?)")) {
                s.setString(1, show);
                s.setArray(2, c.createArrayOf("varchar", seats.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        c.rollback();
                        return false;
                    }
                }
            }
            String lockId = "b" + UUID.randomUUID().toString().replace("-", "");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO locks (id, show_id, reference, state, created_at, expires_at) "
                    + "VALUES (?, ?, ?, 'ACTIVE', ?, ?)")) {
                s.setString(1, lockId);
                s.setString(2, show);
                s.setString(3, lockId);
                s.setTimestamp(4, now);
                s.setTimestamp(5, new Timestamp(now.getTime() + 330_000));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO seat_claims (show_id, seat_id, lock_id, booking_id, seat_order) "
                    + "VALUES (?, ?, ?, NULL, ?)")) {
                for (int i = 0; i < seats.size(); i++) {
                    s.setString(1, show);
                    s.setString(2, seats.get(i));
                    s.setString(3, lockId);
                    s.setInt(4, i);
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE shows SET revision = nextval('catalog_revision') WHERE id = ?")) {
                s.setString(1, show);
                s.executeUpdate();
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** Shows with at least HOT_SEATS seats, from the gateway's own API. */
    static List<Target> targets(HttpClient http, String gateway, int wanted) throws Exception {
        List<Target> targets = new ArrayList<>();
        for (JsonNode city : get(http, gateway + "/api/v1/cities").path("cities")) {
            for (JsonNode cinema : get(http, gateway + "/api/v1/cities/" + city.path("id").asText() + "/cinemas").path("cinemas")) {
                JsonNode details = get(http, gateway + "/api/v1/cinemas/" + cinema.path("id").asText());
                for (JsonNode show : details.path("upcomingShows")) {
                    String showId = show.path("id").asText();
                    JsonNode map = get(http, gateway + "/api/v1/shows/" + showId + "/seats");
                    List<String> seats = new ArrayList<>();
                    map.path("seats").forEach(s -> seats.add(s.path("id").asText()));
                    if (seats.size() >= HOT_SEATS && map.path("seatsAvailable").asInt() == seats.size()) {
                        targets.add(new Target(showId, showId.substring(showId.indexOf(':') + 1), seats.subList(0, HOT_SEATS)));
                        if (targets.size() == wanted) {
                            return targets;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("only " + targets.size() + " shows with " + HOT_SEATS + " free seats");
    }

    static JsonNode get(HttpClient http, String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
