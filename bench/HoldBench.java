// Contested seat holds, through the gateway and against its two ceilings in the same run: the chain's own lock API
// (POST /theatre/v1/locks) and the chain's lock transaction straight on PostgreSQL. Seats held twice, and locks the
// gateway does not know, are counted from the chain's and the gateway's tables after each run, never from the
// clients' answers. CPU time per attempt of the gateway and of the chain comes from /proc/<pid>/stat.
// Run by bench/hold-contention.sh with the gateway's jar on the class path (for Jackson and the PostgreSQL driver):
// java -Dgateway.pid=… -Dchain.pid=… -cp gateway.jar bench/HoldBench.java <gateway-url> <chain-jdbc-url> <chain-api-url> <gateway-jdbc-url>
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

public class HoldBench {
    /** The API key the gateway was started with as its demo key (the bench scripts set both). */
    static final String API_KEY = System.getenv().getOrDefault("MARQUEE_API_KEY", "bench-api-key-of-the-drivers");
    static final ObjectMapper JSON = new ObjectMapper();
    static final int ATTEMPTS = Integer.getInteger("attempts", 3000);
    // After 8000 attempts the gateway's JIT compilers still spent 0.4 ms per attempt of the measured run; after 24000, 0.06.
    static final int WARMUP = Integer.getInteger("warmup", 24000);
    static final int CLIENTS = Integer.getInteger("clients", 32);
    static final long GATEWAY_PID = Long.getLong("gateway.pid", -1);
    static final long CHAIN_PID = Long.getLong("chain.pid", -1);
    static final long CLOCK_TICKS = Long.getLong("clock.ticks", 100);
    static final int RAW_CONNECTIONS = Integer.getInteger("raw.connections", 16);
    static final int HOT_SEATS = 300;
    static final int MANY_SHOWS = 40;
    static final int WARM_SHOWS = 10;

    record Target(String showId, String chainRef, List<String> seats) {}
    record Cpu(double gatewaySeconds, double chainSeconds, double machineBusy, double gatewayJitSeconds, double chainJitSeconds) {}
    record Checks(int heldTwice, int wonNotWinners, int unknownLocks) {}
    record Result(String name, int attempts, int won, int lost, int failed, double seconds, long p50, long p99, Cpu cpu, Checks checks) {}
    interface Attempt { Outcome run(Target target, List<String> seats, int n) throws Exception; }
    /** won: 201 with the lock's reference at the chain; lost: 409. */
    record Outcome(boolean won, boolean lost, String reference) {}
    record Won(String chainRef, String seat, String reference) {}

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String chainJdbc = args[1];
        String chainApi = args[2];
        String gatewayJdbc = args[3];
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<Target> targets = targets(http, gateway, 3 * (1 + MANY_SHOWS) + 2 * WARM_SHOWS);
        // Each way in races on shows of its own, so none finds another's locks.
        Target hotGateway = targets.get(0);
        Target hotRaw = targets.get(1);
        Target hotChainApi = targets.get(2);
        List<Target> manyGateway = targets.subList(3, 3 + MANY_SHOWS);
        List<Target> manyRaw = targets.subList(3 + MANY_SHOWS, 3 + 2 * MANY_SHOWS);
        List<Target> manyChainApi = targets.subList(3 + 2 * MANY_SHOWS, 3 + 3 * MANY_SHOWS);
        List<Target> warmGateway = targets.subList(3 + 3 * MANY_SHOWS, 3 + 3 * MANY_SHOWS + WARM_SHOWS);
        List<Target> warmChainApi = targets.subList(3 + 3 * MANY_SHOWS + WARM_SHOWS, 3 + 3 * MANY_SHOWS + 2 * WARM_SHOWS);

        Attempt viaGateway = (target, seats, n) -> {
            String body = "{\"showId\":\"" + target.showId() + "\",\"seatIds\":[" + seats.stream().map(s -> "\"" + s + "\"")
                    .collect(Collectors.joining(",")) + "],\"email\":\"user" + n + "@bench.example\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/holds"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("X-Api-Key", API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            // The gateway's hold id is the reference of its lock at the chain.
            String reference = r.statusCode() == 201 ? JSON.readTree(r.body()).path("holdId").asText() : null;
            return new Outcome(r.statusCode() == 201, r.statusCode() == 409, reference);
        };
        Attempt viaChainApi = (target, seats, n) -> {
            String reference = UUID.randomUUID().toString();
            String body = "{\"showId\":\"" + target.chainRef() + "\",\"seatIds\":[" + seats.stream().map(x -> "\"" + x + "\"")
                    .collect(Collectors.joining(",")) + "],\"ttlSeconds\":330,\"reference\":\"" + reference + "\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(chainApi + "/theatre/v1/locks"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Outcome(r.statusCode() == 201, r.statusCode() == 409, reference);
        };
        // A pool of as many connections as the chain's own (raw.connections), shared by the clients, as the chain's lock API has.
        java.util.concurrent.BlockingQueue<Connection> pool = new java.util.concurrent.LinkedBlockingQueue<>();
        for (int i = 0; i < RAW_CONNECTIONS; i++) {
            pool.add(DriverManager.getConnection(chainJdbc, "postgres", ""));
        }
        Attempt raw = (target, seats, n) -> {
            Connection c = pool.take();
            try {
                String reference = lockStraight(c, target.chainRef(), seats);
                return new Outcome(reference != null, reference == null, reference);
            } finally {
                pool.add(c);
            }
        };

        // Both processes warm (JIT, pools, connections) before anything is measured. A warm-up releases what it won, so
        // its few shows never run out of seats and every path (won, taken, released) is compiled.
        Attempt warmGatewayAttempt = (target, seats, n) -> {
            String body = "{\"showId\":\"" + target.showId() + "\",\"seatIds\":[" + seats.stream().map(s -> "\"" + s + "\"")
                    .collect(Collectors.joining(",")) + "],\"email\":\"warm" + n + "@bench.example\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/holds"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("X-Api-Key", API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                JsonNode hold = JSON.readTree(r.body());
                http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/holds/" + hold.path("holdId").asText()))
                        .header("Authorization", "Bearer " + hold.path("token").asText())
                        .header("X-Api-Key", API_KEY).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            return new Outcome(false, r.statusCode() == 409 || r.statusCode() == 201, null);
        };
        Attempt warmChainAttempt = (target, seats, n) -> {
            String body = "{\"showId\":\"" + target.chainRef() + "\",\"seatIds\":[" + seats.stream().map(x -> "\"" + x + "\"")
                    .collect(Collectors.joining(",")) + "],\"ttlSeconds\":330,\"reference\":\"" + UUID.randomUUID() + "\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(chainApi + "/theatre/v1/locks"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                http.send(HttpRequest.newBuilder(URI.create(chainApi + "/theatre/v1/locks/" + JSON.readTree(r.body()).path("lockId").asText()))
                        .DELETE().build(), HttpResponse.BodyHandlers.discarding());
            }
            return new Outcome(false, r.statusCode() == 409 || r.statusCode() == 201, null);
        };
        run("warm-up, gateway", warmGateway, warmGatewayAttempt, WARMUP, chainJdbc, null);
        run("warm-up, chain's HTTP lock API", warmChainApi, warmChainAttempt, WARMUP, chainJdbc, null);

        List<Result> results = new ArrayList<>();
        results.add(run("gateway, " + MANY_SHOWS + " shows at once", manyGateway, viaGateway, ATTEMPTS, chainJdbc, gatewayJdbc));
        results.add(run("chain's HTTP lock API, " + MANY_SHOWS + " shows at once", manyChainApi, viaChainApi, ATTEMPTS, chainJdbc, null));
        results.add(run("PostgreSQL lock transaction, " + MANY_SHOWS + " shows at once", manyRaw, raw, ATTEMPTS, chainJdbc, null));
        results.add(run("gateway, one hot show (" + HOT_SEATS + " seats)", List.of(hotGateway), viaGateway, ATTEMPTS, chainJdbc, gatewayJdbc));
        results.add(run("chain's HTTP lock API, one hot show", List.of(hotChainApi), viaChainApi, ATTEMPTS, chainJdbc, null));
        results.add(run("PostgreSQL lock transaction, one hot show", List.of(hotRaw), raw, ATTEMPTS, chainJdbc, null));

        System.out.println("| run | attempts | holds won | conflicts (409) | other answers | successful holds/s | attempts/s | p50 ms "
                + "| p99 ms | gateway CPU ms per attempt (of which JIT) | chain CPU ms per attempt (of which JIT) | seats held twice (chain's tables) "
                + "| won seats the chain gives another | chain locks the gateway does not know | machine busy |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            boolean viaGatewayRun = r.name().startsWith("gateway");
            boolean chainCpu = !r.name().startsWith("PostgreSQL");
            System.out.printf("| %s | %d | %d | %d | %d | %.0f | %.0f | %.1f | %.1f | %s | %s | %d | %d | %s | %.0f%% |%n", r.name(), r.attempts(),
                    r.won(), r.lost(), r.failed(), r.won() / r.seconds(), r.attempts() / r.seconds(), r.p50() / 1e6, r.p99() / 1e6,
                    viaGatewayRun ? perAttempt(r.cpu().gatewaySeconds(), r.cpu().gatewayJitSeconds(), r.attempts()) : "–",
                    chainCpu ? perAttempt(r.cpu().chainSeconds(), r.cpu().chainJitSeconds(), r.attempts()) : "–",
                    r.checks().heldTwice(), r.checks().wonNotWinners(),
                    viaGatewayRun ? String.valueOf(r.checks().unknownLocks()) : "–", 100 * r.cpu().machineBusy());
        }
        for (Connection c : pool) {
            c.close();
        }
        System.out.println();
        for (int i = 0; i < 2; i++) {
            Result g = results.get(3 * i), api = results.get(3 * i + 1), sql = results.get(3 * i + 2);
            String what = i == 0 ? MANY_SHOWS + " shows at once" : "one hot show";
            System.out.printf("- %s: the gateway made %.2f× the attempts/s of the chain's lock API (goal ≥ 0.8×), which made %.2f× "
                    + "those of the lock transaction on PostgreSQL; the gateway used %.2f× the chain's CPU time per attempt "
                    + "(its own, against the chain's in that run).%n", what, rate(g) / rate(api), rate(api) / rate(sql),
                    g.cpu().gatewaySeconds() / g.cpu().chainSeconds());
        }
    }

    static double rate(Result r) {
        return r.attempts() / r.seconds();
    }

    static String perAttempt(double seconds, double jitSeconds, int attempts) {
        return seconds < 0 ? "n/a" : String.format("%.2f (%.2f)", seconds * 1000 / attempts, jitSeconds * 1000 / attempts);
    }

    static Result run(String name, List<Target> targets, Attempt attempt, int attempts, String chainJdbc, String gatewayJdbc)
            throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Won> wonSeats = new ConcurrentLinkedQueue<>();
        AtomicInteger won = new AtomicInteger(), lost = new AtomicInteger(), failed = new AtomicInteger(), next = new AtomicInteger();
        Semaphore done = new Semaphore(0);
        double gatewayCpu0 = cpuSeconds(GATEWAY_PID), chainCpu0 = cpuSeconds(CHAIN_PID);
        double gatewayJit0 = jitSeconds(GATEWAY_PID), chainJit0 = jitSeconds(CHAIN_PID);
        long[] machine0 = machineTicks();
        java.util.Map<String, Double> threads0 = threadGroups(GATEWAY_PID), databases0 = databaseCpu();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(c * 31L + name.hashCode());
                pool.submit(() -> {
                    int n;
                    while ((n = next.getAndIncrement()) < attempts) {
                        Target target = targets.get(random.nextInt(targets.size()));
                        List<String> copy = new ArrayList<>(target.seats());
                        Collections.shuffle(copy, random);
                        List<String> seats = copy.subList(0, 1 + random.nextInt(3));
                        long t0 = System.nanoTime();
                        try {
                            Outcome o = attempt.run(target, seats, n);
                            if (o.won()) {
                                won.incrementAndGet();
                                seats.forEach(s -> wonSeats.add(new Won(target.chainRef(), s, o.reference())));
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
        long[] machine1 = machineTicks();
        Cpu cpu = new Cpu(delta(gatewayCpu0, cpuSeconds(GATEWAY_PID)), delta(chainCpu0, cpuSeconds(CHAIN_PID)),
                1 - (double) (machine1[1] - machine0[1]) / (machine1[0] - machine0[0]),
                delta(gatewayJit0, jitSeconds(GATEWAY_PID)), delta(chainJit0, jitSeconds(CHAIN_PID)));
        System.err.println(name + ": gateway CPU ms per attempt by thread: " + perAttempt(threadGroups(GATEWAY_PID), threads0, attempts));
        System.err.println(name + ": PostgreSQL CPU ms per attempt by database: " + perAttempt(databaseCpu(), databases0, attempts));
        List<Long> sorted = latencies.stream().sorted().toList();
        Checks checks = check(chainJdbc, gatewayJdbc, targets, wonSeats);
        Result r = new Result(name, attempts, won.get(), lost.get(), failed.get(), seconds,
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)), cpu, checks);
        System.err.println("done: " + r);
        return r;
    }

    /**
     * What the chain's tables say after a run on these shows: seats claimed by more than one live lock; seats a client was
     * told it won that the chain has not under the winner's lock; and, through the gateway, live chain locks that are no
     * hold the gateway has recorded as HELD (nothing may stay locked at the chain that the gateway does not know).
     */
    static Checks check(String chainJdbc, String gatewayJdbc, List<Target> targets, ConcurrentLinkedQueue<Won> wonSeats)
            throws SQLException {
        String[] shows = targets.stream().map(Target::chainRef).toArray(String[]::new);
        int heldTwice;
        Set<Won> claimed = new HashSet<>();
        Set<String> liveReferences = new HashSet<>();
        try (Connection c = DriverManager.getConnection(chainJdbc, "postgres", "")) {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM (SELECT c.show_id, c.seat_id FROM seat_claims c "
                    + "JOIN locks l ON l.id = c.lock_id WHERE c.show_id = ANY (?) AND l.state = 'ACTIVE' AND l.expires_at > now() "
                    + "GROUP BY c.show_id, c.seat_id HAVING COUNT(*) > 1) twice")) {
                s.setArray(1, c.createArrayOf("varchar", shows));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    heldTwice = rs.getInt(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT c.show_id, c.seat_id, l.reference FROM seat_claims c "
                    + "JOIN locks l ON l.id = c.lock_id WHERE c.show_id = ANY (?) AND l.state = 'ACTIVE' AND l.expires_at > now()")) {
                s.setArray(1, c.createArrayOf("varchar", shows));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Won(rs.getString(1), rs.getString(2), rs.getString(3)));
                        liveReferences.add(rs.getString(3));
                    }
                }
            }
        }
        int wonNotWinners = (int) wonSeats.stream().filter(w -> !claimed.contains(w)).count();
        int unknownLocks = 0;
        if (gatewayJdbc != null) {
            Set<String> held = new HashSet<>();
            try (Connection c = DriverManager.getConnection(gatewayJdbc, "postgres", "");
                    PreparedStatement s = c.prepareStatement("SELECT id FROM holds WHERE status = 'HELD'")) {
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getString(1));
                    }
                }
            }
            unknownLocks = (int) liveReferences.stream().filter(ref -> !held.contains(ref)).count();
        }
        return new Checks(heldTwice, wonNotWinners, unknownLocks);
    }

    /** utime + stime of a process, in seconds; negative when it cannot be read. */
    static double cpuSeconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state is field 3; utime and stime are fields 14 and 15.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU seconds of a process's threads by name, digits dropped (so a pool's threads are one group). */
    static java.util.Map<String, Double> threadGroups(long pid) {
        java.util.Map<String, Double> groups = new java.util.TreeMap<>();
        if (pid <= 0) {
            return groups;
        }
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    groups.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            // no such process
        }
        return groups;
    }

    /** CPU seconds of PostgreSQL's backends by the database they serve (from their command lines). */
    static java.util.Map<String, Double> databaseCpu() {
        java.util.Map<String, Double> byDatabase = new java.util.TreeMap<>();
        try (var processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String command = Files.readString(p.resolve("cmdline")).replace('\0', ' ').trim();
                    if (!command.startsWith("postgres: ")) {
                        return;
                    }
                    // "postgres: 15/main: <user> <database> <host>(<port>) <state>", or "postgres: 15/main: walwriter"
                    String[] words = command.split("\\s+");
                    String database = words.length >= 5 && words[4].contains("(") ? words[3]
                            : "(" + String.join(" ", java.util.Arrays.copyOfRange(words, 2, words.length)) + ")";
                    String stat = Files.readString(p.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byDatabase.merge(database, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            // no /proc
        }
        return byDatabase;
    }

    /** The groups that used CPU between two snapshots, in ms per attempt, largest first. */
    static String perAttempt(java.util.Map<String, Double> after, java.util.Map<String, Double> before, int attempts) {
        return after.entrySet().stream().map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format("%s %.3f", e.getKey(), e.getValue() * 1000 / attempts)).collect(Collectors.joining(", "));
    }

    /** CPU time of a process's JIT compiler threads, in seconds; negative when it cannot be read. */
    static double jitSeconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).contains("CompilerThre");
                } catch (IOException e) {
                    return false;
                }
            }).mapToDouble(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
                } catch (IOException | RuntimeException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** All and idle (idle + iowait) ticks of the whole machine, from /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < f.length; i++) {
                all += Long.parseLong(f[i]);
            }
            return new long[] {all, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException e) {
            return new long[] {1, 0};
        }
    }

    static double delta(double before, double after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    /** The chain's lock recipe (contracts/sandbox-schema.md), as one JDBC transaction; the lock's reference, or null when seats were taken. */
    static String lockStraight(Connection c, String show, List<String> seats) throws SQLException {
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
                        return null;
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
            return lockId;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** Shows with at least HOT_SEATS seats, all free, from the gateway's own API. */
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
