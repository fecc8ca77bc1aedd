// The chaos suite's load, faults and checks; run by bench/chaos.sh, which starts the private PostgreSQL and
// RabbitMQ, the sandbox chain and provider, and the first gateway, and gives this program their addresses:
// java -cp <gateway-app test class path> -Dbookings=.. -Dgateway=.. ... bench/ChaosDriver.java
//
// Clients book as real ones do (hold with an Idempotency-Key, checkout, pay on the provider's side), retrying
// with the same key while the gateway is down or answers 5xx. Meanwhile a fault schedule kills the gateway,
// restarts the brokers and the database (through `bench/chaos.sh <op>`) and slows the chain through the
// sandbox's admin API. Then the work is let settle, and every invariant is counted from the tables of the
// gateway, the chain and the provider, and from the mails this program's SMTP server took; never from what
// the clients were answered. Prints the figures and exits 1 if any invariant is broken.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ChaosDriver {
    /** The API key the gateway was started with as its demo key (the bench scripts set both). */
    static final String API_KEY = System.getenv().getOrDefault("MARQUEE_API_KEY", "bench-api-key-of-the-drivers");
    static final ObjectMapper JSON = new ObjectMapper();
    static final int BOOKINGS = Integer.getInteger("bookings", 60);
    static final int SHOWS = Integer.getInteger("shows", 4);
    static final int SEATS = Integer.getInteger("seats", 2);
    /** Customers who pay after their hold ended, each with a rival who took the seats meanwhile. */
    static final int LATE_PAYERS = Boolean.getBoolean("burst") ? 0 : Integer.getInteger("latePayers", 0);
    static final int KILLS = Integer.getInteger("kills", 3);
    static final int RABBIT_RESTARTS = Integer.getInteger("rabbitRestarts", 1);
    static final int PG_RESTARTS = Integer.getInteger("pgRestarts", 1);
    static final boolean SLOW_CHAIN = !"0".equals(System.getProperty("slowChain", "1"));
    static final long LOAD_SECONDS = Long.getLong("loadSeconds", 60);
    /**
     * Burst mode: every customer holds and checks out first (spread over the load time), then all pay at once, so the
     * provider sends every webhook together; the faults run over burstSeconds from that moment, while the burst is
     * worked off. Late payers wait for their rivals, so there are none in a burst.
     */
    static final boolean BURST = Boolean.getBoolean("burst");
    static final long BURST_SECONDS = Long.getLong("burstSeconds", 20);
    /** Counts down as each customer is ready to pay (or gave up); the burst starts at zero. */
    static final java.util.concurrent.CountDownLatch READY_TO_PAY = new java.util.concurrent.CountDownLatch(BOOKINGS);
    static final long SETTLE_SECONDS = Long.getLong("settleSeconds", 180);
    /** How long each client keeps trying, from its start. */
    static final Duration CLIENT_PATIENCE = Duration.ofSeconds(Long.getLong("clientSeconds", 150));
    /** A lock or hold this long past its end is stuck: the sweepers run every second or so. */
    static final Duration STUCK_MARGIN = Duration.ofSeconds(15);
    /**
     * Nothing in flight for this long (no webhook to deliver, no outbox row, no message) while bookings are not
     * settled: nothing left can settle them. Whatever the gateway waits for between steps is in flight meanwhile:
     * a retry (a confirm again after 15 s, an email whose claim has not lapsed) is a row in the outbox, a webhook
     * the provider sends again is an undelivered event; the reconciler is not due within a run.
     */
    static final Duration STALL = Duration.ofSeconds(Long.getLong("stallSeconds", 12));
    /** Latency while the chain is slow (under the adapter's 3 s request timeout), and while it times out. */
    static final int SLOW_MS = 1500, TIMING_OUT_MS = 5000;
    static final String GATEWAY = System.getProperty("gateway");
    static final String SANDBOX = System.getProperty("sandbox");
    static final String GATEWAY_DB = System.getProperty("gatewayDb");
    static final String CHAIN_DB = System.getProperty("chainDb");
    static final String BROKER = System.getProperty("broker");
    static final String OPS = System.getProperty("ops");
    static final String GATEWAY_LOG = System.getProperty("gatewayLog");
    static final List<String> QUEUES = List.of("booking-payments", "booking-email", "booking-refunds", "booking-cancellations");

    /** Mails received, per recipient: subject and Message-ID of each. */
    record Mail(String subject, String messageId) {}
    static final Map<String, List<Mail>> MAILS = new ConcurrentHashMap<>();

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static final AtomicInteger RETRIES = new AtomicInteger();
    static final Map<String, AtomicInteger> FAULTS = new ConcurrentHashMap<>();
    static final long T0 = System.nanoTime();

    public static void main(String[] args) throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(Integer.getInteger("smtp"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        UserManager users = mail.getUserManager();
        MessageDeliveryHandler store = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            MAILS.computeIfAbsent(address.getEmail().toLowerCase(Locale.ROOT), a -> new CopyOnWriteArrayList<>())
                    .add(new Mail(message.getMessage().getSubject(), message.getMessage().getMessageID()));
            return store.handle(message, address);
        });
        int violations;
        try {
            violations = run();
        } catch (Throwable e) {
            // Exit 1 means invariants broken; a run that could not be carried out says so apart.
            e.printStackTrace();
            System.exit(2);
            return;
        } finally {
            mail.stop();
        }
        System.exit(violations == 0 ? 0 : 1);
    }

    static int run() throws Exception {
        List<Client> clients = clients(seatGroups());
        log("%d bookings over %d s on %d shows; faults: %d kills, %d RabbitMQ and %d PostgreSQL restarts, slow chain %s",
                clients.size(), LOAD_SECONDS, SHOWS, KILLS, RABBIT_RESTARTS, PG_RESTARTS, SLOW_CHAIN ? "on" : "off");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> faults = threads.submit(() -> { runFaults(); return null; });
            List<Future<?>> running = new ArrayList<>();
            for (Client client : clients) {
                running.add(threads.submit(() -> { client.run(); return null; }));
            }
            faults.get();
            for (Future<?> f : running) {
                f.get();
            }
        }
        log("load done; settling (at most %d s)", SETTLE_SECONDS);
        long settled = settle(clients);
        return check(clients, settled);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Load

    /** One customer's booking, from hold to payment, retried as a real client would. */
    static final class Client {
        final int number;
        final String email;
        final String showId;
        final List<String> seats;
        final long startAtNanos;
        volatile String outcome = "not started";
        /** For a late payer: its rival, who holds the same seats once its hold has ended, and pays first. */
        Client rival;
        /** For a rival: the late payer whose seats it takes. */
        Client latePayer;
        final java.util.concurrent.CompletableFuture<Instant> holdEnds = new java.util.concurrent.CompletableFuture<>();
        final java.util.concurrent.CompletableFuture<Void> finished = new java.util.concurrent.CompletableFuture<>();

        Client(int number, String showId, List<String> seats, long startAtNanos) {
            this.number = number;
            this.email = "chaos-" + number + "-" + UUID.randomUUID().toString().substring(0, 6) + "@chaos.example";
            this.showId = showId;
            this.seats = seats;
            this.startAtNanos = startAtNanos;
        }

        void run() throws InterruptedException {
            try {
                book();
            } finally {
                readyToPay();
                holdEnds.complete(null);
                finished.complete(null);
            }
        }

        private boolean arrived;

        /** In a burst, says this customer is ready to pay (once), then waits for everyone else to be. */
        void readyToPay() throws InterruptedException {
            if (!arrived) {
                arrived = true;
                READY_TO_PAY.countDown();
            }
        }

        void book() throws InterruptedException {
            sleepUntil(startAtNanos);
            if (latePayer != null) {
                // The seats come free when the late payer's hold ends (its sweeper releases the chain's lock).
                Instant ends = waitFor(latePayer.holdEnds);
                if (ends != null) {
                    sleepUntil(System.nanoTime() + Math.max(0, Duration.between(Instant.now(), ends).toNanos()) + TimeUnit.SECONDS.toNanos(2));
                }
            }
            long deadline = System.nanoTime() + CLIENT_PATIENCE.toNanos();
            try {
                // A hold that ended before its checkout is placed again, under a new key, as a person would.
                for (int hold = 0; hold < 3; hold++) {
                    JsonNode placed = placeHold(deadline);
                    if (placed == null) {
                        return;
                    }
                    String paymentUrl = checkout(placed, deadline);
                    if (paymentUrl == null) {
                        continue;
                    }
                    if (rival != null) {
                        holdEnds.complete(expiry(placed.path("expiresAt")));
                        waitFor(rival.finished);
                        outcome = "paying late";
                    }
                    if (BURST) {
                        readyToPay();
                        READY_TO_PAY.await();
                        outcome = "paying in the burst";
                        // The burst is not this customer's slowness: its patience starts now.
                        deadline = System.nanoTime() + CLIENT_PATIENCE.toNanos();
                    }
                    pay(paymentUrl.substring(paymentUrl.lastIndexOf('/') + 1), deadline);
                    return;
                }
                outcome = "gave up: holds kept ending before checkout";
            } catch (GaveUp e) {
                outcome = "gave up: " + e.getMessage();
            }
        }

        JsonNode placeHold(long deadline) throws InterruptedException {
            String key = UUID.randomUUID().toString();
            String body = json(Map.of("showId", showId, "seatIds", seats, "email", email));
            while (true) {
                Answer a = send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/holds")).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .header("X-Api-Key", API_KEY).POST(HttpRequest.BodyPublishers.ofString(body)), deadline, "hold");
                if (a.status == 201) {
                    outcome = "held";
                    return a.json();
                }
                String type = a.json().path("type").asText("");
                if (a.status == 409 || a.status == 429) {
                    // request-in-progress, hold-already-placed, or seats an earlier lock of ours still has at the chain
                    retry(deadline, "hold " + a.status + " " + type, 1000);
                    continue;
                }
                outcome = "hold refused: " + a.status + " " + type;
                return null;
            }
        }

        String checkout(JsonNode hold, long deadline) throws InterruptedException {
            while (true) {
                Answer a = send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/holds/" + hold.path("holdId").asText() + "/checkout"))
                        .header("Authorization", "Bearer " + hold.path("token").asText())
                        .header("X-Api-Key", API_KEY).POST(HttpRequest.BodyPublishers.noBody()),
                        deadline, "checkout");
                if (a.status == 200 || a.status == 201) {
                    outcome = "checked out";
                    return a.json().path("paymentUrl").asText();
                }
                if (a.status == 409) {
                    return null;
                }
                outcome = "checkout refused: " + a.status + " " + a.body;
                throw new GaveUp(outcome);
            }
        }

        void pay(String paymentId, long deadline) throws InterruptedException {
            while (true) {
                Answer a = send(HttpRequest.newBuilder(URI.create(SANDBOX + "/sandbox/v1/payments/" + paymentId + "/pay"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"card\":\"4242 4242 4242 4242\"}")),
                        deadline, "pay");
                if (a.status == 200 && a.json().path("status").asText().equals("SUCCEEDED")) {
                    outcome = "paid";
                    return;
                }
                retry(deadline, "pay " + a.status, 1000);
            }
        }
    }

    static <T> T waitFor(java.util.concurrent.CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get(CLIENT_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    static Instant expiry(JsonNode expiresAt) {
        return expiresAt.isNumber() ? Instant.ofEpochMilli((long) (expiresAt.asDouble() * 1000)) : Instant.parse(expiresAt.asText());
    }

    static final class GaveUp extends RuntimeException {
        GaveUp(String message) {
            super(message);
        }
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }
    }

    /** Sends until there is an answer that is not a 5xx (no answer, or a 5xx, is retried with the same request). */
    static Answer send(HttpRequest.Builder request, long deadline, String what) throws InterruptedException {
        while (true) {
            try {
                HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() < 500) {
                    return new Answer(r.statusCode(), r.body());
                }
                retry(deadline, what + " " + r.statusCode(), 1000);
            } catch (IOException e) {
                retry(deadline, what + " " + e.getClass().getSimpleName(), 1000);
            }
        }
    }

    static void retry(long deadline, String why, long millis) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new GaveUp("still failing after " + CLIENT_PATIENCE.toSeconds() + " s: " + why);
        }
        RETRIES.incrementAndGet();
        Thread.sleep(millis);
    }

    /**
     * Clients with their seats, starting evenly over the load time. The first {@link #LATE_PAYERS} pay only after
     * their hold ended and a rival, the last clients, booked their seats: their payments must be given back.
     */
    static List<Client> clients(List<List<String>> groups) {
        List<Client> clients = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (int i = 0; i < BOOKINGS; i++) {
            boolean rival = i >= BOOKINGS - LATE_PAYERS;
            List<String> g = groups.get(rival ? i - (BOOKINGS - LATE_PAYERS) : i);
            clients.add(new Client(i + 1, g.get(0), g.subList(1, g.size()), start + i * TimeUnit.SECONDS.toNanos(LOAD_SECONDS) / BOOKINGS));
        }
        for (int i = 0; i < LATE_PAYERS; i++) {
            Client late = clients.get(i), rival = clients.get(BOOKINGS - LATE_PAYERS + i);
            late.rival = rival;
            rival.latePayer = late;
        }
        return clients;
    }

    /** {@link #BOOKINGS} groups of {@link #SEATS} free seats, [showId, seat...], spread round-robin over {@link #SHOWS} shows. */
    static List<List<String>> seatGroups() throws Exception {
        List<String> shows = new ArrayList<>();
        Map<String, List<String>> seatsOf = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (shows.size() < SHOWS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + shows.size() + " shows on sale; wanted " + SHOWS);
            }
            shows.clear();
            outer:
            for (JsonNode city : get("/api/v1/cities").path("cities")) {
                for (JsonNode cinema : get("/api/v1/cities/" + city.path("id").asText() + "/cinemas").path("cinemas")) {
                    for (JsonNode show : get("/api/v1/cinemas/" + cinema.path("id").asText()).path("upcomingShows")) {
                        String id = show.path("id").asText();
                        if (!show.path("startsAt").isTextual()
                                || Instant.parse(show.path("startsAt").asText()).isBefore(Instant.now().plus(Duration.ofHours(3)))) {
                            continue; // sales end as a show starts, and a run takes minutes
                        }
                        JsonNode map = get("/api/v1/shows/" + id + "/seats");
                        List<String> seats = new ArrayList<>();
                        map.path("seats").forEach(s -> seats.add(s.path("id").asText()));
                        if (seats.size() >= SEATS * (BOOKINGS / SHOWS + 1) && map.path("seatsAvailable").asInt() == seats.size()) {
                            shows.add(id);
                            seatsOf.put(id, seats);
                            if (shows.size() == SHOWS) {
                                break outer;
                            }
                        }
                    }
                }
            }
            if (shows.size() < SHOWS) {
                Thread.sleep(500); // the first catalogue sync is still running
            }
        }
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < BOOKINGS - LATE_PAYERS; i++) {
            String show = shows.get(i % SHOWS);
            int n = i / SHOWS;
            List<String> group = new ArrayList<>();
            group.add(show);
            group.addAll(seatsOf.get(show).subList(n * SEATS, (n + 1) * SEATS));
            groups.add(group);
        }
        return groups;
    }

    /** The operator key chaos.sh gives the gateway: health shows its details to it alone. */
    static final String OPERATOR_KEY = "chaos-operator-key-of-the-run";

    static JsonNode get(String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + OPERATOR_KEY).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Faults

    record Fault(double at, String name, Step step) {}

    interface Step {
        void run() throws Exception;
    }

    /**
     * The schedule, as shares of the load time, in three tracks that run side by side (a restart takes seconds, and
     * one track does not wait for another): the gateway killed from 10 % to 90 % (one kill alone at 45 %, inside the
     * slow chain, where consumers hold payments longest); RabbitMQ restarted from 20 % and PostgreSQL from 35 %; the
     * chain slow at 40 %, timing out at 65 % and healed at 80 %. A kill waits (a few seconds at most) for work in flight, so that it has something to lose.
     */
    static void runFaults() throws Exception {
        List<Fault> kills = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            kills.add(new Fault(KILLS == 1 ? 0.45 : 0.1 + 0.8 * i / (KILLS - 1), "gateway killed", ChaosDriver::killGateway));
        }
        List<Fault> infrastructure = new ArrayList<>();
        for (int i = 0; i < RABBIT_RESTARTS; i++) {
            infrastructure.add(new Fault(0.2 + 0.6 * i / RABBIT_RESTARTS, "RabbitMQ restarted", () -> op("rabbit-restart")));
        }
        for (int i = 0; i < PG_RESTARTS; i++) {
            infrastructure.add(new Fault(0.35 + 0.5 * i / PG_RESTARTS, "PostgreSQL restarted", () -> op("pg-restart")));
        }
        List<Fault> chain = new ArrayList<>();
        if (SLOW_CHAIN) {
            chain.add(new Fault(0.40, "chain slow", () -> chainFaults("{\"latencyMs\":" + SLOW_MS + "}")));
            chain.add(new Fault(0.65, "chain timing out", () -> chainFaults("{\"latencyMs\":" + TIMING_OUT_MS + "}")));
            chain.add(new Fault(0.80, "chain healed", () -> chainFaults(null)));
        }
        long start = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        if (BURST) {
            READY_TO_PAY.await();
            log("the burst: %d payments at once", BOOKINGS);
            start = System.nanoTime();
        }
        long faultsStart = start;
        try (ExecutorService tracks = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (List<Fault> track : List.of(kills, infrastructure, chain)) {
                running.add(tracks.submit(() -> { runTrack(track, faultsStart); return null; }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            if (SLOW_CHAIN) {
                chainFaults(null);
            }
        }
    }

    static void runTrack(List<Fault> track, long start) throws Exception {
        track.sort((a, b) -> Double.compare(a.at(), b.at()));
        for (Fault fault : track) {
            sleepUntil(start + (long) (fault.at() * TimeUnit.SECONDS.toNanos(BURST ? BURST_SECONDS : LOAD_SECONDS)));
            log("%s...", fault.name());
            fault.step().run();
            FAULTS.computeIfAbsent(fault.name(), n -> new AtomicInteger()).incrementAndGet();
        }
    }

    static void killGateway() throws Exception {
        // Best of all while a payment the gateway took in (its webhook answered) is not confirmed yet and messages are
        // at the broker or in a consumer's hands: then a kill tests what the broker and the consumers guarantee.
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (System.nanoTime() < waitUntil && (paymentsTakenIn() == 0 || inFlight() == 0)) {
            Thread.sleep(100);
        }
        long payments = paymentsTakenIn();
        long inFlight = inFlight();
        op("gateway-kill");
        log("gateway killed with %d payments taken in and not confirmed, %d messages in flight", payments, inFlight);
        op("gateway-start");
        log("gateway started again");
        FAULTS.computeIfAbsent("gateway started again", n -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Bookings whose payment.succeeded the gateway has taken in and not yet settled: still PENDING_PAYMENT (the event
     * waits in the outbox or at the broker), or CONFIRMING (a consumer is asking the chain to book the seats).
     */
    static long paymentsTakenIn() {
        try {
            return scalar(GATEWAY_DB, "SELECT count(*) FROM bookings b JOIN payment_events e ON e.payment_id = b.payment_id "
                    + "AND e.event_type = 'payment.succeeded' WHERE b.status IN ('PENDING_PAYMENT', 'CONFIRMING')");
        } catch (Exception e) {
            return 0;
        }
    }

    /** Messages queued at the broker or being handled by the gateway's consumers, as far as can be seen now. */
    static long inFlight() {
        Work w = work();
        return Math.max(0, w.queued()) + Math.max(0, w.inProgress());
    }

    static void op(String name) throws Exception {
        Process p = new ProcessBuilder("bash", OPS, name).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not finish in 180 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(name + " failed: " + p.exitValue());
        }
    }

    static void chainFaults(String settings) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(SANDBOX + "/sandbox/v1/faults")).timeout(Duration.ofSeconds(10));
        r = settings == null ? r.DELETE() : r.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(settings));
        HttpResponse<String> a = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (a.statusCode() / 100 != 2) {
            throw new IllegalStateException("faults " + settings + ": " + a.statusCode() + " " + a.body());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Settling

    /**
     * What is left to do: webhooks the provider has still to deliver, outbox rows, messages queued at the broker,
     * deliveries being handled. -1 where it cannot be seen now.
     */
    record Work(long webhooks, long outbox, long queued, long inProgress, long deadLetters) {
        boolean none() {
            return webhooks == 0 && outbox == 0 && queued == 0 && inProgress == 0;
        }
    }

    static Work work() {
        long webhooks = -1, outbox = -1, queued = -1, inProgress = -1, dead = -1;
        try {
            outbox = scalar(GATEWAY_DB, "SELECT count(*) FROM outbox");
            webhooks = scalar(CHAIN_DB, "SELECT count(*) FROM payment_events WHERE delivered_at IS NULL AND NOT gave_up");
        } catch (Exception e) {
            // the database is restarting
        }
        try {
            JsonNode health = get("/health").path("details").path("messaging").path("details");
            inProgress = health.has("deliveriesInProgress") ? health.path("deliveriesInProgress").asLong() : -1;
        } catch (Exception e) {
            // the gateway is down
        }
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(BROKER);
            factory.setConnectionTimeout(2000);
            try (Connection c = factory.newConnection()) {
                queued = 0;
                dead = 0;
                for (String q : QUEUES) {
                    try (Channel ch = c.createChannel()) {
                        queued += ch.queueDeclarePassive("marquee." + q).getMessageCount();
                    }
                    try (Channel ch = c.createChannel()) {
                        dead += ch.queueDeclarePassive("marquee." + q + ".dead").getMessageCount();
                    }
                }
            }
        } catch (Exception e) {
            // the broker is restarting (or, embedded, its gateway is down)
        }
        return new Work(webhooks, outbox, queued, inProgress, dead);
    }

    /**
     * Waits until no work is left and every booking the provider took money for has ended, for two seconds in
     * a row; returns the seconds it took. Gives up (-1) at the bound, or once nothing at all has been in flight
     * for {@link #STALL} while bookings are still not settled: then nothing is left that could settle them.
     */
    static long settle(List<Client> clients) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        long quietSince = -1;
        long stalledSince = -1;
        String last = "";
        while (System.nanoTime() < deadline) {
            Work w = work();
            String pending = "";
            try {
                Tables t = Tables.read();
                pending = t.unsettled(clients);
            } catch (Exception e) {
                pending = "tables unreadable: " + e.getMessage();
            }
            boolean done = w.none() && pending.isEmpty();
            stalledSince = w.none() && !pending.isEmpty() ? (stalledSince < 0 ? System.nanoTime() : stalledSince) : -1;
            if (stalledSince > 0 && System.nanoTime() - stalledSince > STALL.toNanos()) {
                log("stalled: nothing in flight for %d s, and still %s", STALL.toSeconds(), pending);
                return -1;
            }
            if (!done) {
                quietSince = -1;
                String now = w + " " + pending;
                if (!now.equals(last)) {
                    log("settling: %s", now);
                    last = now;
                }
            } else if (quietSince < 0) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(2)) {
                return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            }
            Thread.sleep(250);
        }
        log("not settled after %d s", SETTLE_SECONDS);
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tables

    record GatewayBooking(String id, String status, String paymentId, String email, String showId, String chainBookingRef,
            Set<String> seats, Set<String> validTicketSeats, int validTickets) {}
    record ChainBooking(String id, String reference, String status, String showId, List<String> seats) {}
    record Payment(String id, String reference, String status, boolean paid, String refundStatus) {}

    /** What the three parties' tables say, read at one moment (each database in one transaction). */
    record Tables(Map<String, GatewayBooking> bookings, List<ChainBooking> chainBookings, Map<String, Payment> paymentsByReference,
            long stuckChainLocks, long stuckHolds, long outbox) {

        static Tables read() throws Exception {
            Map<String, GatewayBooking> bookings = new LinkedHashMap<>();
            long stuckHolds;
            long outbox;
            try (var c = DriverManager.getConnection(GATEWAY_DB, "postgres", "")) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ);
                Map<String, Set<String>> seats = new HashMap<>();
                try (ResultSet r = c.createStatement().executeQuery("SELECT b.id, s.seat_id FROM bookings b JOIN hold_seats s ON s.hold_id = b.hold_id")) {
                    while (r.next()) {
                        seats.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(2));
                    }
                }
                Map<String, Set<String>> valid = new HashMap<>();
                Map<String, Integer> validCount = new HashMap<>();
                try (ResultSet r = c.createStatement().executeQuery("SELECT booking_id, seat_id FROM tickets WHERE status = 'VALID'")) {
                    while (r.next()) {
                        valid.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(2));
                        validCount.merge(r.getString(1), 1, Integer::sum);
                    }
                }
                try (ResultSet r = c.createStatement().executeQuery(
                        "SELECT id, status, payment_id, email, show_id, chain_booking_ref FROM bookings ORDER BY created_at")) {
                    while (r.next()) {
                        String id = r.getString(1);
                        bookings.put(id, new GatewayBooking(id, r.getString(2), r.getString(3), r.getString(4).toLowerCase(Locale.ROOT),
                                r.getString(5), r.getString(6), seats.getOrDefault(id, Set.of()), valid.getOrDefault(id, Set.of()),
                                validCount.getOrDefault(id, 0)));
                    }
                }
                stuckHolds = scalar(c, "SELECT count(*) FROM holds WHERE status = 'HELD' AND expires_at < now() - interval '"
                        + STUCK_MARGIN.toSeconds() + " seconds'");
                outbox = scalar(c, "SELECT count(*) FROM outbox");
                c.commit();
            }
            List<ChainBooking> chainBookings = new ArrayList<>();
            Map<String, Payment> payments = new HashMap<>();
            long stuckLocks;
            try (var c = DriverManager.getConnection(CHAIN_DB, "postgres", "")) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ);
                Map<String, List<String>> tickets = new HashMap<>();
                try (ResultSet r = c.createStatement().executeQuery("SELECT booking_id, seat_id FROM tickets ORDER BY seat_order")) {
                    while (r.next()) {
                        tickets.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                    }
                }
                try (ResultSet r = c.createStatement().executeQuery("SELECT id, reference, status, show_id FROM bookings")) {
                    while (r.next()) {
                        chainBookings.add(new ChainBooking(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                tickets.getOrDefault(r.getString(1), List.of())));
                    }
                }
                stuckLocks = scalar(c, "SELECT count(*) FROM locks WHERE state = 'ACTIVE' AND expires_at < now() - interval '"
                        + STUCK_MARGIN.toSeconds() + " seconds'");
                try (ResultSet r = c.createStatement().executeQuery("SELECT p.id, p.reference, p.status, p.paid_at IS NOT NULL, f.status "
                        + "FROM payment_payments p LEFT JOIN payment_refunds f ON f.payment_id = p.id")) {
                    while (r.next()) {
                        payments.put(r.getString(2), new Payment(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4), r.getString(5)));
                    }
                }
                c.commit();
            }
            return new Tables(bookings, chainBookings, payments, stuckLocks, stuckHolds, outbox);
        }

        Payment paymentOf(GatewayBooking b) {
            return paymentsByReference.get(b.id());
        }

        /** Why the run has not settled yet, or empty. */
        String unsettled(List<Client> clients) {
            int unpaidEnd = 0, refundPending = 0, mailPending = 0;
            for (GatewayBooking b : bookings.values()) {
                Payment p = paymentOf(b);
                boolean paid = p != null && p.paid();
                if (paid && !b.status().equals("CONFIRMED") && !b.status().equals("REFUNDED")) {
                    unpaidEnd++;
                }
                if (b.status().equals("REFUNDED") && paid && !"SUCCEEDED".equals(p.refundStatus())) {
                    refundPending++;
                }
                if (b.status().equals("CONFIRMED") && ticketMails(b.email()).isEmpty()) {
                    mailPending++;
                }
            }
            List<String> left = new ArrayList<>();
            if (unpaidEnd > 0) {
                left.add(unpaidEnd + " paid not ended");
            }
            if (refundPending > 0) {
                left.add(refundPending + " refunds pending");
            }
            if (mailPending > 0) {
                left.add(mailPending + " ticket emails pending");
            }
            return String.join(", ", left);
        }
    }

    static Set<String> ticketMails(String email) {
        Set<String> ids = new HashSet<>();
        for (Mail m : MAILS.getOrDefault(email, List.of())) {
            if (m.subject() != null && m.subject().startsWith("Your tickets")) {
                ids.add(m.messageId());
            }
        }
        return ids;
    }

    static long mailCount(String email, String subjectStart) {
        return MAILS.getOrDefault(email, List.of()).stream().filter(m -> m.subject() != null && m.subject().startsWith(subjectStart)).count();
    }

    static long scalar(String url, String sql) throws Exception {
        try (var c = DriverManager.getConnection(url, "postgres", "")) {
            return scalar(c, sql);
        }
    }

    static long scalar(java.sql.Connection c, String sql) throws Exception {
        try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Invariants

    static int check(List<Client> clients, long settledSeconds) throws Exception {
        Tables t = Tables.read();
        Map<String, List<String>> violations = new LinkedHashMap<>();
        for (String name : List.of("paid booking not confirmed nor refunded", "confirmed without a captured payment",
                "confirmed without one valid ticket per seat", "refunded without the refund at the provider",
                "ticket emails not exactly one per confirmed booking", "ticket email for a booking not confirmed",
                "seat sold twice at the chain", "seat with two valid tickets at the gateway", "chain lock stuck past its TTL",
                "gateway hold stuck past its TTL", "confirmed at the gateway, not at the chain",
                "booked at the chain, not confirmed at the gateway", "work left in the outbox or the queues")) {
            violations.put(name, new ArrayList<>());
        }
        Map<String, ChainBooking> chainByReference = new HashMap<>();
        for (ChainBooking cb : t.chainBookings()) {
            if (cb.status().equals("CONFIRMED")) {
                chainByReference.put(cb.reference(), cb);
            }
        }
        int paid = 0, confirmed = 0, refunded = 0, mailCopies = 0;
        for (GatewayBooking b : t.bookings().values()) {
            Payment p = t.paymentOf(b);
            boolean isPaid = p != null && p.paid();
            paid += isPaid ? 1 : 0;
            switch (b.status()) {
                case "CONFIRMED" -> {
                    confirmed++;
                    if (p == null || !p.status().equals("SUCCEEDED")) {
                        violations.get("confirmed without a captured payment").add(b.id() + " (payment " + (p == null ? "none" : p.status()) + ")");
                    }
                    if (b.validTickets() != b.seats().size() || !b.validTicketSeats().equals(b.seats())) {
                        violations.get("confirmed without one valid ticket per seat").add(b.id() + " (seats " + b.seats() + ", valid tickets "
                                + b.validTicketSeats() + ")");
                    }
                    int mails = ticketMails(b.email()).size();
                    if (mails != 1) {
                        violations.get("ticket emails not exactly one per confirmed booking").add(b.id() + " (" + mails + ")");
                    }
                    mailCopies += (int) (mailCount(b.email(), "Your tickets") - mails);
                    ChainBooking cb = chainByReference.get(b.id());
                    if (cb == null || !new TreeSet<>(cb.seats()).equals(b.seats()) || !cb.id().equals(b.chainBookingRef())) {
                        violations.get("confirmed at the gateway, not at the chain").add(b.id() + " (chain: " + cb + ")");
                    }
                }
                case "REFUNDED" -> {
                    refunded++;
                    if (isPaid && !(p.status().equals("REFUNDED") && "SUCCEEDED".equals(p.refundStatus()))) {
                        violations.get("refunded without the refund at the provider").add(b.id() + " (payment " + p.status() + ", refund "
                                + p.refundStatus() + ")");
                    }
                }
                default -> {
                    if (isPaid) {
                        violations.get("paid booking not confirmed nor refunded").add(b.id() + " (" + b.status() + ", payment " + p.status() + ")");
                    }
                }
            }
            if (!b.status().equals("CONFIRMED") && !ticketMails(b.email()).isEmpty()) {
                violations.get("ticket email for a booking not confirmed").add(b.id() + " (" + b.status() + ")");
            }
        }
        for (ChainBooking cb : t.chainBookings()) {
            GatewayBooking b = t.bookings().get(cb.reference());
            if (cb.status().equals("CONFIRMED") && (b == null || !b.status().equals("CONFIRMED"))) {
                violations.get("booked at the chain, not confirmed at the gateway").add(cb.id() + " for " + cb.reference() + " ("
                        + (b == null ? "no booking" : b.status()) + ")");
            }
        }
        Map<String, Integer> soldAtChain = new HashMap<>();
        for (ChainBooking cb : t.chainBookings()) {
            if (cb.status().equals("CONFIRMED")) {
                cb.seats().forEach(s -> soldAtChain.merge(cb.showId() + "/" + s, 1, Integer::sum));
            }
        }
        soldAtChain.forEach((seat, n) -> { if (n > 1) violations.get("seat sold twice at the chain").add(seat + " x" + n); });
        Map<String, Integer> validAtGateway = new HashMap<>();
        for (GatewayBooking b : t.bookings().values()) {
            b.validTicketSeats().forEach(s -> validAtGateway.merge(b.showId() + "/" + s, 1, Integer::sum));
        }
        validAtGateway.forEach((seat, n) -> { if (n > 1) violations.get("seat with two valid tickets at the gateway").add(seat + " x" + n); });
        for (int i = 0; i < t.stuckChainLocks(); i++) {
            violations.get("chain lock stuck past its TTL").add("lock");
        }
        for (int i = 0; i < t.stuckHolds(); i++) {
            violations.get("gateway hold stuck past its TTL").add("hold");
        }
        Work w = work();
        if (w.outbox() != 0 || w.queued() != 0) {
            violations.get("work left in the outbox or the queues").add(w.toString());
        }

        long gaveUp = clients.stream().filter(c -> c.outcome.startsWith("gave up") || c.outcome.contains("refused")).count();
        int total = violations.values().stream().mapToInt(List::size).sum();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bookings started by clients", clients.size());
        figures.put("bookings at the gateway (checked out)", t.bookings().size());
        figures.put("clients that gave up", gaveUp);
        figures.put("client retries (same request again)", RETRIES.get());
        figures.put("paid at the provider", paid);
        figures.put("confirmed", confirmed);
        figures.put("refunded", refunded);
        figures.put("ticket emails (distinct Message-IDs)", MAILS.keySet().stream().mapToInt(e -> ticketMails(e).size()).sum());
        figures.put("ticket emails sent again with the same Message-ID", mailCopies);
        figures.put("refund emails", MAILS.keySet().stream().mapToLong(e -> mailCount(e, "Refunded")).sum());
        figures.put("gateway kills (SIGKILL)", count("gateway killed"));
        figures.put("gateway restarts", count("gateway started again"));
        figures.put("RabbitMQ restarts", count("RabbitMQ restarted"));
        figures.put("PostgreSQL restarts", count("PostgreSQL restarted"));
        figures.put("chain slow / timing out / healed", count("chain slow") + " / " + count("chain timing out") + " / " + count("chain healed"));
        figures.put("bookings settled by the reconciler", reconciled());
        figures.put("dead letters", w.deadLetters() < 0 ? "?" : w.deadLetters());
        figures.put("seconds to settle", settledSeconds < 0 ? "did not settle" : settledSeconds);

        System.out.println("| figure | value |");
        System.out.println("| --- | --- |");
        figures.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
        System.out.println();
        System.out.println("| invariant violated | count |");
        System.out.println("| --- | --- |");
        violations.forEach((k, v) -> System.out.println("| " + k + " | " + v.size() + " |"));
        System.out.println("| **violations** | **" + total + "** |");
        violations.forEach((k, v) -> v.stream().limit(10).forEach(x -> System.err.println("VIOLATION " + k + ": " + x)));
        clients.stream().filter(c -> !c.outcome.equals("paid")).forEach(c -> System.err.println("client " + c.number + ": " + c.outcome));
        System.out.println();
        System.out.println("violations: " + total);
        return total;
    }

    static int count(String fault) {
        AtomicInteger n = FAULTS.get(fault);
        return n == null ? 0 : n.get();
    }

    /** Bookings the reconciler settled, summed over every gateway process of the run (from their log). */
    static int reconciled() {
        int settled = 0;
        Pattern line = Pattern.compile("Reconciliation found .* and settled (\\d+)");
        try {
            for (String l : Files.readAllLines(Path.of(GATEWAY_LOG))) {
                Matcher m = line.matcher(l);
                if (m.find()) {
                    settled += Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return settled;
    }

    // ---------------------------------------------------------------------------------------------------------

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "%6.1f s  %s%n", (System.nanoTime() - T0) / 1e9, String.format(Locale.ROOT, format, args));
    }
}
