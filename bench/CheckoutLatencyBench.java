// Paid booking to ticket email: how long from the payment provider's webhook reaching the gateway to the
// email being accepted by the SMTP server. This program plays both ends: the provider (it signs and sends
// payment.succeeded itself, and takes t0 just before the POST) and the mail server (GreenMail in-process,
// t1 when a message's DATA is taken for its recipient). Each booking has an address of its own, so the
// recipient names the booking. Run by bench/checkout-latency.sh:
// java -cp <gateway-app test class path> bench/CheckoutLatencyBench.java <gateway-url> <smtp-port>
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
    static final ObjectMapper JSON = new ObjectMapper();
    static final int BOOKINGS = Integer.getInteger("bookings", 300);
    static final int RATE = Integer.getInteger("rate", 20);
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
            long p99, long max, double emailsPerSecond, long webhookP50, long webhookP99) {}

    static final Map<String, Arrival> ARRIVALS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        int smtpPort = Integer.parseInt(args[1]);
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        UserManager users = mail.getUserManager();
        MessageDeliveryHandler store = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            long now = System.nanoTime();
            ARRIVALS.putIfAbsent(address.getEmail().toLowerCase(Locale.ROOT), new Arrival(now, message.getMessage().getSubject()));
            return store.handle(message, address);
        });
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpClient http = HttpClient.newBuilder().executor(threads).build();
            List<List<String>> seatGroups = seatGroups(http, gateway, WARMUP + 2 * BOOKINGS);
            int used = 0;
            List<Result> results = new ArrayList<>();
            if (WARMUP > 0) {
                List<Pending> warm = prepare(http, gateway, "warm", seatGroups.subList(used, used += WARMUP));
                System.err.println("warm-up (not reported): " + fire("warm-up", http, gateway, warm, RATE));
            }
            List<Pending> steady = prepare(http, gateway, "steady", seatGroups.subList(used, used += BOOKINGS));
            results.add(fire("steady, " + RATE + " webhooks/s", http, gateway, steady, RATE));
            List<Pending> burst = prepare(http, gateway, "burst", seatGroups.subList(used, used += BOOKINGS));
            results.add(fire("all at once", http, gateway, burst, 0));

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
        } finally {
            mail.stop();
        }
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
                .POST(HttpRequest.BodyPublishers.ofString(holdBody)).build(), HttpResponse.BodyHandlers.ofString());
        if (hold.statusCode() != 201) {
            throw new IllegalStateException("hold " + seats + " of " + showId + ": " + hold.statusCode() + " " + hold.body());
        }
        JsonNode h = JSON.readTree(hold.body());
        HttpResponse<String> checkout = http.send(HttpRequest.newBuilder(
                        URI.create(gateway + "/api/v1/holds/" + h.path("holdId").asText() + "/checkout"))
                .header("Authorization", "Bearer " + h.path("token").asText()).POST(HttpRequest.BodyPublishers.noBody()).build(),
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
    static Result fire(String name, HttpClient http, String gateway, List<Pending> bookings, int rate) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> answers = new ArrayList<>();
        AtomicInteger ok = new AtomicInteger();
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
                latencies.isEmpty() ? 0 : latencies.size() / ((lastArrival - firstSent) / 1e9), pct(answers, 0.50), pct(answers, 0.99));
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
}
