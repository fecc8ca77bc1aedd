// Paid booking to ticket email: how long from the payment provider's webhook reaching the gateway to the
// email being accepted by the SMTP server. This program plays both ends: the provider (it signs and sends
// payment.succeeded itself, and takes t0 just before the POST) and the mail server (GreenMail in-process,
// t1 when a message's DATA is taken for its recipient). Each booking has an address of its own, so the
// recipient names the booking. Beside the runs it measures, in the same process and minutes, the ceilings of the
// parts the pipeline is made of, each alone: RabbitMQ publish and consume with confirms and manual acks, the chain's
// confirm call, QR rendering with Ed25519 signing, and SMTP sends. Run by bench/checkout-latency.sh:
// java -cp <gateway-app test class path> bench/CheckoutLatencyBench.java <gateway-url> <smtp-port> <amqp-uri> <chain-url>
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class CheckoutLatencyBench {
    /** The API key the gateway was started with as its demo key (the bench scripts set both). */
    static final String API_KEY = System.getenv().getOrDefault("MARQUEE_API_KEY", "bench-api-key-of-the-drivers");
    static final ObjectMapper JSON = new ObjectMapper();
    static final int BOOKINGS = Integer.getInteger("bookings", 500);
    static final int RATE = Integer.getInteger("rate", 50);
    static final int BURST = Integer.getInteger("burst", 1000);
    static final int CONSUMERS = Integer.getInteger("consumers", 16);
    /** The command line of a second gateway instance, started for the last run only; none: no such run. */
    static final String SECOND_GATEWAY = System.getProperty("secondGateway", "");
    static final String SECOND_GATEWAY_URL = System.getProperty("secondGatewayUrl", "");
    static final int SEATS = Integer.getInteger("seats", 2);
    static final int WARMUP = Integer.getInteger("warmup", 30);
    static final int PREPARE_CLIENTS = Integer.getInteger("clients", 16);
    static final long WAIT_FOR_MAIL_SECONDS = Long.getLong("waitSeconds", 90);
    static final String SECRET = System.getProperty("webhookSecret", "whsec_sandbox");

    /** A booking checked out and waiting for its payment. */
    record Pending(String email, String bookingId, String paymentId, String amount, String currency) {}
    /** A received email: when, and its subject. */
    record Arrival(long nanos, String subject) {}
    record Result(String name, int bookings, double offeredRate, int webhooksOk, int emails, int otherSubjects, long p50, long p90,
            long p99, long max, double emailsPerSecond, long webhookP50, long webhookP99, Cpu cpu) {}

    /**
     * CPU time over a run from /proc (Linux, 100 ticks a second): the whole machine's busy and total time, and the
     * gateway's and the chain's processes' own ({@code -DgatewayPid}, {@code -DchainPid}).
     */
    record Cpu(long busy, long total, long gateway, long chain) {
        static final long GATEWAY_PID = Long.getLong("gatewayPid", -1);
        static final long CHAIN_PID = Long.getLong("chainPid", -1);

        static Cpu now() {
            try {
                String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long busy = 0;
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                    long v = Long.parseLong(f[i]);
                    total += v;
                    busy += (i == 4 || i == 5) ? 0 : v;
                }
                return new Cpu(busy, total, processTicks(GATEWAY_PID), processTicks(CHAIN_PID));
            } catch (Exception e) {
                return new Cpu(0, 0, 0, 0);
            }
        }

        static long processTicks(long pid) throws java.io.IOException {
            if (pid < 0) {
                return 0;
            }
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        }

        Cpu since(Cpu start) {
            return new Cpu(busy - start.busy, total - start.total, gateway - start.gateway, chain - start.chain);
        }
    }
    /** One part of the pipeline alone: how many it did, how fast, and how many bookings a second that allows. */
    record Ceiling(String name, String how, int operations, double perSecond, double bookingsPerSecond) {}

    static final Map<String, Arrival> ARRIVALS = new ConcurrentHashMap<>();
    /** Emails per recipient: each booking's address must receive exactly one. */
    static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        int smtpPort = Integer.parseInt(args[1]);
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        UserManager users = mail.getUserManager();
        MessageDeliveryHandler store = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            long now = System.nanoTime();
            String recipient = address.getEmail().toLowerCase(Locale.ROOT);
            ARRIVALS.putIfAbsent(recipient, new Arrival(now, message.getMessage().getSubject()));
            RECEIVED.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
            return store.handle(message, address);
        });
        String amqp = args[2];
        String chainUrl = args[3];
        int runs = 2 + (SECOND_GATEWAY.isBlank() ? 0 : 1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpClient http = HttpClient.newBuilder().executor(threads).build();
            int chainCeilingBookings = Math.min(BURST, 500);
            List<List<String>> seatGroups = seatGroups(http, gateway, WARMUP * (runs - 1) + BOOKINGS + (runs - 1) * BURST
                    + chainCeilingBookings);
            int used = 0;
            List<Result> results = new ArrayList<>();
            if (WARMUP > 0) {
                List<Pending> warm = prepare(http, gateway, "warm", seatGroups.subList(used, used += WARMUP));
                System.err.println("warm-up (not reported): " + fire("warm-up", http, List.of(gateway), warm, RATE));
            }
            List<Ceiling> ceilings = new ArrayList<>();
            ceilings.add(Ceilings.rabbit(amqp, 2 * BURST));
            ceilings.add(Ceilings.chainConfirms(chainUrl, seatGroups.subList(used, used += chainCeilingBookings)));
            ceilings.add(Ceilings.ticketsSignedAndDrawn(SEATS * BURST));
            ceilings.add(Ceilings.smtp(smtpPort, BURST));
            ceilings.forEach(c -> System.err.println("ceiling: " + c));

            List<Pending> steady = prepare(http, gateway, "steady", seatGroups.subList(used, used += BOOKINGS));
            results.add(fire("steady, " + RATE + " webhooks/s", http, List.of(gateway), steady, RATE));
            List<Pending> burst = prepare(http, gateway, "burst", seatGroups.subList(used, used += BURST));
            results.add(fire("all at once", http, List.of(gateway), burst, 0));
            if (!SECOND_GATEWAY.isBlank()) {
                List<Pending> both = prepare(http, gateway, "burst2", seatGroups.subList(used, used += BURST));
                List<Pending> warmSecond = prepare(http, gateway, "warm2", seatGroups.subList(used, used += WARMUP));
                Process second = startSecondGateway(http);
                try {
                    // The new instance's first confirmations and emails run cold; warm it as the first one was.
                    System.err.println("second instance's warm-up (not reported): "
                            + fire("warm-up", http, List.of(SECOND_GATEWAY_URL), warmSecond, RATE));
                    results.add(fire("all at once, two instances", http, List.of(gateway, SECOND_GATEWAY_URL), both, 0));
                } finally {
                    second.destroy();
                    second.waitFor(30, TimeUnit.SECONDS);
                }
            }
            Thread.sleep(5000); // a copy sent late would still be counted
            long twice = RECEIVED.entrySet().stream().filter(e -> e.getKey().endsWith("@bench.example") && e.getValue().get() > 1).count();
            printResults(results);
            System.out.println();
            System.out.println("Bookings whose address received more than one email, over every run: " + twice + ".");
            printCeilings(ceilings, results.stream().filter(r -> r.name().equals("all at once")).findFirst().orElseThrow());
        } finally {
            mail.stop();
        }
    }

    static void printResults(List<Result> results) {
        System.out.println("| run | bookings | webhooks sent at | webhooks answered 2xx | ticket emails received | p50 ms | p90 ms"
                + " | p99 ms | max ms | emails/s | webhook answer p50 / p99 ms |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d%s | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f / %.1f |%n", r.name(),
                    r.bookings(), r.offeredRate() > 0 ? String.format(Locale.ROOT, "%.1f/s", r.offeredRate()) : "once",
                    r.webhooksOk(), r.emails(), r.otherSubjects() > 0 ? " (" + r.otherSubjects() + " not tickets)" : "",
                    r.p50() / 1e6, r.p90() / 1e6, r.p99() / 1e6, r.max() / 1e6, r.emailsPerSecond(), r.webhookP50() / 1e6,
                    r.webhookP99() / 1e6);
        }
        System.out.println();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("| run | the machine busy | CPU ms per booking, all processes | of which the gateway | the chain |"
                + " the rest (PostgreSQL, RabbitMQ, the benchmark and its mail server) | bookings/s that " + cores
                + " cores allow at that cost |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            Cpu c = r.cpu();
            double perBooking = c.busy() * 10.0 / r.bookings();
            System.out.printf(Locale.ROOT, "| %s | %.0f%% | %.1f | %.1f | %.1f | %.1f | %.0f |%n", r.name(),
                    c.total() == 0 ? 0 : 100.0 * c.busy() / c.total(), perBooking, c.gateway() * 10.0 / r.bookings(),
                    c.chain() * 10.0 / r.bookings(), (c.busy() - c.gateway() - c.chain()) * 10.0 / r.bookings(),
                    perBooking == 0 ? 0 : cores * 1000 / perBooking);
        }
    }

    static void printCeilings(List<Ceiling> ceilings, Result burst) {
        System.out.println();
        System.out.println("| part alone | how | operations | per second | bookings/s it allows | the burst's rate as a share of it |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (Ceiling c : ceilings) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.0f%% |%n", c.name(), c.how(), c.operations(), c.perSecond(),
                    c.bookingsPerSecond(), 100 * burst.emailsPerSecond() / c.bookingsPerSecond());
        }
    }

    /** Starts the second instance on the same database and queues, and waits until it answers. */
    static Process startSecondGateway(HttpClient http) throws Exception {
        Process process = new ProcessBuilder(SECOND_GATEWAY.split(" ")).redirectErrorStream(true)
                .redirectOutput(new java.io.File(System.getProperty("secondGatewayLog", "gateway-2.log"))).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(SECOND_GATEWAY_URL + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    Thread.sleep(3000); // its consumers subscribe just after the server answers
                    return process;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        process.destroy();
        throw new IllegalStateException("the second gateway did not start; see " + System.getProperty("secondGatewayLog"));
    }

    /** Holds and checks out one booking per seat group, a few clients at a time, as shoppers would. */
    static List<Pending> prepare(HttpClient http, String gateway, String run, List<List<String>> groups) throws Exception {
        List<Future<Pending>> futures = new ArrayList<>();
        Semaphore clients = new Semaphore(PREPARE_CLIENTS);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < groups.size(); i++) {
                List<String> group = groups.get(i);
                String email = run + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.example";
                futures.add(pool.submit(() -> {
                    clients.acquire();
                    try {
                        return checkOut(http, gateway, group, email);
                    } finally {
                        clients.release();
                    }
                }));
            }
        }
        List<Pending> pending = new ArrayList<>();
        for (Future<Pending> f : futures) {
            pending.add(f.get());
        }
        System.err.println(run + ": " + pending.size() + " bookings checked out");
        return pending;
    }

    static Pending checkOut(HttpClient http, String gateway, List<String> group, String email) throws Exception {
        String showId = group.get(0);
        List<String> seats = group.subList(1, group.size());
        String holdBody = JSON.writeValueAsString(Map.of("showId", showId, "seatIds", seats, "email", email));
        HttpResponse<String> hold = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/holds"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Api-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(holdBody)).build(), HttpResponse.BodyHandlers.ofString());
        if (hold.statusCode() != 201) {
            throw new IllegalStateException("hold " + seats + " of " + showId + ": " + hold.statusCode() + " " + hold.body());
        }
        JsonNode h = JSON.readTree(hold.body());
        HttpResponse<String> checkout = http.send(HttpRequest.newBuilder(
                        URI.create(gateway + "/api/v1/holds/" + h.path("holdId").asText() + "/checkout"))
                .header("Authorization", "Bearer " + h.path("token").asText())
                .header("X-Api-Key", API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (checkout.statusCode() != 201) {
            throw new IllegalStateException("checkout of " + email + ": " + checkout.statusCode() + " " + checkout.body());
        }
        JsonNode b = JSON.readTree(checkout.body());
        String paymentUrl = b.path("paymentUrl").asText();
        String paymentId = paymentUrl.substring(paymentUrl.lastIndexOf('/') + 1);
        return new Pending(email.toLowerCase(Locale.ROOT), b.path("bookingId").asText(), paymentId, b.path("amount").asText(),
                b.path("currency").asText());
    }

    /**
     * Sends each booking's payment.succeeded, spaced evenly at {@code rate} per second (0: all at once), then
     * waits for the emails.
     */
    static Result fire(String name, HttpClient http, List<String> gateways, List<Pending> bookings, int rate) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> answers = new ArrayList<>();
        AtomicInteger ok = new AtomicInteger();
        Cpu cpuAtStart = Cpu.now();
        long start = System.nanoTime();
        long lastSend;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < bookings.size(); i++) {
                if (rate > 0) {
                    long due = start + i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                Pending p = bookings.get(i);
                String gateway = gateways.get(i % gateways.size());
                futures.add(pool.submit(() -> {
                    byte[] body = event(p).getBytes(StandardCharsets.UTF_8);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/payments/webhook"))
                            .header("Content-Type", "application/json")
                            .header("Payment-Signature", sign(Instant.now().getEpochSecond(), body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long t0 = System.nanoTime();
                    sentAt.put(p.email(), t0);
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long answered = System.nanoTime() - t0;
                    if (r.statusCode() / 100 == 2) {
                        ok.incrementAndGet();
                    } else if (ok.get() == 0) {
                        System.err.println(name + ": webhook answered " + r.statusCode() + " " + r.body());
                    }
                    return answered;
                }));
            }
            for (Future<Long> f : futures) {
                answers.add(f.get());
            }
            lastSend = System.nanoTime();
        }
        long deadline = lastSend + TimeUnit.SECONDS.toNanos(WAIT_FOR_MAIL_SECONDS);
        while (System.nanoTime() < deadline && !bookings.stream().allMatch(p -> ARRIVALS.containsKey(p.email()))) {
            Thread.sleep(50);
        }
        Cpu cpu = Cpu.now().since(cpuAtStart);
        List<Long> latencies = new ArrayList<>();
        long firstSent = Long.MAX_VALUE, lastArrival = Long.MIN_VALUE;
        int other = 0;
        for (Pending p : bookings) {
            Arrival a = ARRIVALS.get(p.email());
            long t0 = sentAt.get(p.email());
            firstSent = Math.min(firstSent, t0);
            if (a != null) {
                latencies.add(a.nanos() - t0);
                lastArrival = Math.max(lastArrival, a.nanos());
                if (a.subject() == null || !a.subject().startsWith("Your tickets")) {
                    other++;
                }
            }
        }
        latencies.sort(null);
        answers.sort(null);
        double offered = rate > 0 ? bookings.size() / ((lastSend - start) / 1e9) : 0;
        Result r = new Result(name, bookings.size(), offered, ok.get(), latencies.size(), other, pct(latencies, 0.50),
                pct(latencies, 0.90), pct(latencies, 0.99), latencies.isEmpty() ? 0 : latencies.getLast(),
                latencies.isEmpty() ? 0 : latencies.size() / ((lastArrival - firstSent) / 1e9), pct(answers, 0.50), pct(answers, 0.99),
                cpu);
        System.err.println("done: " + r);
        return r;
    }

    /** Nearest-rank percentile. */
    static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static String event(Pending p) throws Exception {
        return JSON.writeValueAsString(Map.of("id", "evt_" + UUID.randomUUID().toString().replace("-", ""), "type", "payment.succeeded",
                "createdAt", Instant.now().toString(), "data", Map.of("paymentId", p.paymentId(), "reference", p.bookingId(),
                        "amount", p.amount(), "currency", p.currency())));
    }

    /** The provider's signature: t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">. */
    static String sign(long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /**
     * {@code wanted} groups of {@link #SEATS} free seats, each as [showId, seat, seat...], from shows whose
     * seats are all free, spread over as many shows as the gateway's catalogue walk gives.
     */
    static List<List<String>> seatGroups(HttpClient http, String gateway, int wanted) throws Exception {
        List<List<String>> groups = new ArrayList<>();
        for (JsonNode city : get(http, gateway + "/api/v1/cities").path("cities")) {
            for (JsonNode cinema : get(http, gateway + "/api/v1/cities/" + city.path("id").asText() + "/cinemas").path("cinemas")) {
                JsonNode details = get(http, gateway + "/api/v1/cinemas/" + cinema.path("id").asText());
                for (JsonNode show : details.path("upcomingShows")) {
                    String showId = show.path("id").asText();
                    JsonNode map = get(http, gateway + "/api/v1/shows/" + showId + "/seats");
                    List<String> seats = new ArrayList<>();
                    map.path("seats").forEach(s -> seats.add(s.path("id").asText()));
                    if (seats.isEmpty() || map.path("seatsAvailable").asInt() != seats.size()) {
                        continue;
                    }
                    // At most a quarter of a show, so the bookings are spread over many shows.
                    for (int i = 0; i + SEATS <= seats.size() / 4; i += SEATS) {
                        List<String> group = new ArrayList<>();
                        group.add(showId);
                        group.addAll(seats.subList(i, i + SEATS));
                        groups.add(group);
                        if (groups.size() == wanted) {
                            return groups;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("only " + groups.size() + " groups of " + SEATS + " free seats; wanted " + wanted);
    }

    static JsonNode get(HttpClient http, String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Each part of the pipeline alone, as hard as the gateway would drive it. */
    static final class Ceilings {
        static final byte[] MESSAGE = new byte[600]; // about a payment event or a booking notice

        /**
         * Publishes {@code messages} persistent messages to a durable queue in rounds of 200 with one confirm wait each (as
         * the outbox relay does), while {@link #CONSUMERS} consumers, prefetch 4, acknowledge each one by one. Each
         * booking passes the broker twice: its payment event and its {@code booking.confirmed}.
         */
        static Ceiling rabbit(String uri, int messages) throws Exception {
            com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
            factory.setUri(uri);
            String queue = System.getProperty("queuePrefix", "marquee-bench-checkout.") + "ceiling";
            try (ExecutorService consumerThreads = Executors.newFixedThreadPool(CONSUMERS);
                    com.rabbitmq.client.Connection consuming = factory.newConnection(consumerThreads);
                    com.rabbitmq.client.Connection publishing = factory.newConnection()) {
                com.rabbitmq.client.Channel setup = publishing.createChannel();
                setup.queueDeclare(queue, true, false, false, Map.of());
                setup.queuePurge(queue);
                java.util.concurrent.CountDownLatch acked = new java.util.concurrent.CountDownLatch(messages);
                for (int i = 0; i < CONSUMERS; i++) {
                    com.rabbitmq.client.Channel channel = consuming.createChannel();
                    channel.basicQos(4);
                    channel.basicConsume(queue, false, new com.rabbitmq.client.DefaultConsumer(channel) {
                        @Override
                        public void handleDelivery(String tag, com.rabbitmq.client.Envelope envelope,
                                com.rabbitmq.client.AMQP.BasicProperties properties, byte[] body) throws java.io.IOException {
                            getChannel().basicAck(envelope.getDeliveryTag(), false);
                            acked.countDown();
                        }
                    });
                }
                com.rabbitmq.client.Channel channel = publishing.createChannel();
                channel.confirmSelect();
                com.rabbitmq.client.AMQP.BasicProperties persistent = new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                        .deliveryMode(2).contentType("application/json").build();
                long start = System.nanoTime();
                for (int sent = 0; sent < messages; ) {
                    for (int i = 0; i < 200 && sent < messages; i++, sent++) {
                        channel.basicPublish("", queue, true, persistent, MESSAGE);
                    }
                    channel.waitForConfirmsOrDie(10_000);
                }
                if (!acked.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("RabbitMQ ceiling: " + acked.getCount() + " messages not consumed");
                }
                double perSecond = messages / ((System.nanoTime() - start) / 1e9);
                setup.queueDelete(queue);
                return new Ceiling("RabbitMQ publish and consume", "confirms per 200, " + CONSUMERS
                        + " consumers with prefetch 4 and manual acks, persistent 600-byte messages, durable queue", messages,
                        perSecond, perSecond / 2);
            }
        }

        /**
         * Locks each seat group at the chain through the gateway's own REST adapter (not timed), then confirms them all,
         * {@link #CONSUMERS} at a time (the gateway's default bound per chain), timed.
         */
        static Ceiling chainConfirms(String chainUrl, List<List<String>> groups) throws Exception {
            dev.marquee.spi.TheatreAdapter chain = java.util.ServiceLoader.load(dev.marquee.spi.TheatreAdapterFactory.class).stream()
                    .map(java.util.ServiceLoader.Provider::get).filter(f -> f.type().equals("rest")).findFirst().orElseThrow()
                    .create(dev.marquee.spi.ChainContext.of("bench"), Map.of("base-url", chainUrl));
            List<String[]> locks = new java.util.concurrent.CopyOnWriteArrayList<>();
            Semaphore lockers = new Semaphore(PREPARE_CLIENTS);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (List<String> group : groups) {
                    pool.submit(() -> {
                        lockers.acquire();
                        try {
                            String reference = "ceiling-" + UUID.randomUUID();
                            String showRef = group.get(0).substring(group.get(0).indexOf(':') + 1);
                            if (chain.lockSeats(new dev.marquee.spi.SeatLockRequest(showRef, group.subList(1, group.size()),
                                    java.time.Duration.ofMinutes(10), reference)) instanceof dev.marquee.spi.LockOutcome.Locked locked) {
                                locks.add(new String[] {locked.lockRef(), reference});
                            }
                        } finally {
                            lockers.release();
                        }
                        return null;
                    });
                }
            }
            AtomicInteger confirmed = new AtomicInteger();
            Semaphore bound = new Semaphore(CONSUMERS);
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String[] lock : locks) {
                    pool.submit(() -> {
                        bound.acquire();
                        try {
                            if (chain.confirm(new dev.marquee.spi.ConfirmRequest(lock[0], lock[1])) instanceof dev.marquee.spi.ConfirmOutcome.Confirmed) {
                                confirmed.incrementAndGet();
                            }
                        } finally {
                            bound.release();
                        }
                        return null;
                    });
                }
            }
            double perSecond = confirmed.get() / ((System.nanoTime() - start) / 1e9);
            chain.close();
            return new Ceiling("the chain's confirm", "REST adapter, " + CONSUMERS + " at once, " + SEATS + " seats each",
                    confirmed.get(), perSecond, perSecond);
        }

        /**
         * Signs a ticket's claims and draws its QR code with the gateway's own code, on every core, after a warm-up
         * of the same work (the gateway's is warm by then too).
         */
        static Ceiling ticketsSignedAndDrawn(int tickets) throws Exception {
            java.security.KeyPair key = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            dev.marquee.gateway.ticketing.TicketSigner signer = new dev.marquee.gateway.ticketing.TicketSigner(
                    new dev.marquee.gateway.ticketing.TicketSettings(java.util.Base64.getEncoder().encodeToString(
                            key.getPrivate().getEncoded())), null);
            int cores = Runtime.getRuntime().availableProcessors();
            signAndDraw(signer, cores, tickets);
            long start = System.nanoTime();
            signAndDraw(signer, cores, tickets);
            double perSecond = tickets / ((System.nanoTime() - start) / 1e9);
            return new Ceiling("QR code and Ed25519 signature", "a ticket's claims signed and its 300-pixel PNG drawn, on "
                    + cores + " threads", tickets, perSecond, perSecond / SEATS);
        }

        private static void signAndDraw(dev.marquee.gateway.ticketing.TicketSigner signer, int threads, int tickets) {
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int i = 0; i < tickets; i++) {
                    int n = i;
                    pool.submit(() -> dev.marquee.gateway.ticketing.QrCodes.png(signer.sign(new dev.marquee.booking.bookings.TicketClaims(
                            "tkt_" + UUID.randomUUID(), "bkg_" + UUID.randomUUID(), "bench:" + n, "bench:1042", "F" + n, "F" + n,
                            java.time.Instant.ofEpochSecond(1763753400), java.time.Instant.ofEpochSecond(1763763540)))).length);
                }
            }
        }

        /**
         * Sends emails the size of a ticket email (two QR code PNGs inline) to the benchmark's SMTP server, {@link #CONSUMERS}
         * senders each over a connection kept open, as the gateway's email consumers do.
         */
        static Ceiling smtp(int smtpPort, int emails) throws Exception {
            java.util.Properties properties = new java.util.Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", Integer.toString(smtpPort));
            jakarta.mail.Session session = jakarta.mail.Session.getInstance(properties);
            byte[] png = dev.marquee.gateway.ticketing.QrCodes.png("MQT1." + "x".repeat(220) + "." + "y".repeat(86));
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS)) {
                for (int c = 0; c < CONSUMERS; c++) {
                    pool.submit(() -> {
                        try (jakarta.mail.Transport transport = session.getTransport("smtp")) {
                            transport.connect();
                            for (int i = next.getAndIncrement(); i < emails; i = next.getAndIncrement()) {
                                jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(session);
                                message.setFrom("tickets@marquee.local");
                                message.setRecipients(jakarta.mail.Message.RecipientType.TO, "ceiling-" + i + "@smtp.example");
                                message.setSubject("Ceiling " + i);
                                jakarta.mail.internet.MimeMultipart related = new jakarta.mail.internet.MimeMultipart("related");
                                jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
                                html.setText("<html><body>" + "<p>Your tickets</p>".repeat(20) + "</body></html>", "UTF-8", "html");
                                related.addBodyPart(html);
                                for (int t = 0; t < SEATS; t++) {
                                    jakarta.mail.internet.MimeBodyPart image = new jakarta.mail.internet.MimeBodyPart();
                                    image.setDataHandler(new jakarta.activation.DataHandler(
                                            new jakarta.mail.util.ByteArrayDataSource(png, "image/png")));
                                    image.setContentID("<qr-" + t + "@marquee.local>");
                                    related.addBodyPart(image);
                                }
                                message.setContent(related);
                                message.saveChanges();
                                transport.sendMessage(message, message.getAllRecipients());
                            }
                        }
                        return null;
                    });
                }
            }
            double perSecond = emails / ((System.nanoTime() - start) / 1e9);
            return new Ceiling("SMTP sends", CONSUMERS + " senders over kept-open connections to the benchmark's GreenMail, "
                    + "two inline PNGs each", emails, perSecond, perSecond);
        }
    }
}
