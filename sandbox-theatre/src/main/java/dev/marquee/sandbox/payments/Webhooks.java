package dev.marquee.sandbox.payments;

import dev.marquee.sandbox.Database;
import dev.marquee.sandbox.SandboxConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook events to payments' {@code notifyUrl}s: signed afresh on every attempt, retried with
 * exponential backoff until the receiver answers 2xx or the attempts run out, and (when the admin API
 * says so) duplicated, reordered or held back. Timers are the scheduler's; sending is asynchronous, so
 * a receiver that hangs holds no thread. Each attempt's outcome is written to {@code payment_events},
 * from which a restarted sandbox carries on.
 */
@Singleton
public class Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    /** How many deliveries the admin API lists. */
    static final int RECENT = 200;

    private final PaymentsConfig config;
    private final Database database;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final ExecutorService work;
    private final HttpClient http;
    private final WebhookSignature signature;
    private final long seed;

    private DeliverySettings settings = DeliverySettings.NORMAL;
    private Random random;
    /** Bumped by a reset, so that timers set before it do nothing. */
    private long generation;
    private final List<Delivery> parked = new ArrayList<>();
    private final Deque<Delivery> recent = new ArrayDeque<>();

    public Webhooks(PaymentsConfig config, SandboxConfig sandbox, Database database, Clock clock,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, @Named(TaskExecutors.BLOCKING) ExecutorService work) {
        this.config = config;
        this.database = database;
        this.clock = clock;
        this.scheduler = scheduler;
        this.work = work;
        this.seed = sandbox.seed();
        this.random = new Random(seed);
        this.signature = new WebhookSignature(config.webhookSecret());
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.webhookTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }

    public synchronized DeliverySettings settings() {
        return settings;
    }

    /** Puts these settings in force; unpausing sends what queued up while paused. */
    public DeliverySettings apply(DeliverySettings next) {
        List<Delivery> released;
        long current;
        synchronized (this) {
            settings = next;
            random = new Random(seed);
            current = generation;
            released = next.paused() ? List.of() : List.copyOf(parked);
            if (!next.paused()) {
                parked.clear();
            }
        }
        LOG.info("Webhook deliveries: {}", next);
        released.forEach(d -> schedule(d, Duration.ZERO, current));
        return next;
    }

    /** Back to normal deliveries. */
    public DeliverySettings clear() {
        return apply(DeliverySettings.NORMAL);
    }

    /** Forgets every delivery, pending ones included, and restores normal settings. */
    public void reset() {
        synchronized (this) {
            generation++;
            parked.clear();
            recent.clear();
        }
        clear();
    }

    /** Deliveries the admin API shows, newest first. */
    public synchronized List<DeliveryView> recent() {
        return recent.stream().map(Delivery::view).toList();
    }

    /** Starts delivering an event just stored (or left undelivered by an earlier run). */
    public void submit(PaymentStore.StoredEvent event) {
        Delivery original = new Delivery(event, false);
        Delivery copy = null;
        Duration wait;
        long current;
        synchronized (this) {
            current = generation;
            Duration held = Duration.between(clock.instant(), event.notBefore());
            long reorder = settings.reorderWindowMs() > 0 ? random.nextLong(settings.reorderWindowMs() + 1) : 0;
            wait = (held.isNegative() ? Duration.ZERO : held).plusMillis(reorder);
            remember(original);
            if (settings.duplicateRate() > 0 && random.nextDouble() < settings.duplicateRate()) {
                copy = new Delivery(event, true);
                remember(copy);
            }
        }
        LOG.debug("Event {} ({}) for {}: first attempt in {} ms{}", event.eventId(), event.type(), event.paymentId(),
                wait.toMillis(), copy != null ? ", a copy after it" : "");
        schedule(original, wait, current);
        if (copy != null) {
            schedule(copy, wait.plus(config.duplicateDelay()), current);
        }
    }

    private void remember(Delivery delivery) {
        recent.addFirst(delivery);
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    private void schedule(Delivery delivery, Duration wait, long forGeneration) {
        scheduler.schedule(wait, () -> work.execute(() -> attempt(delivery, forGeneration)));
    }

    private void attempt(Delivery delivery, long forGeneration) {
        synchronized (this) {
            if (forGeneration != generation) {
                return;
            }
            if (settings.paused()) {
                parked.add(delivery);
                return;
            }
        }
        byte[] body = delivery.event.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.event.notifyUrl()))
                    .timeout(config.webhookTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "marquee-sandbox-payments")
                    .header(WebhookSignature.HEADER, signature.header(clock.instant().getEpochSecond(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            finish(delivery, forGeneration, null, "bad notifyUrl: " + e.getMessage());
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) ->
                work.execute(() -> finish(delivery, forGeneration, response == null ? null : response.statusCode(),
                        failure == null ? null : describe(failure))));
    }

    private void finish(Delivery delivery, long forGeneration, @Nullable Integer status, @Nullable String error) {
        boolean delivered = status != null && status >= 200 && status < 300;
        Instant now = clock.instant();
        int attempts;
        boolean gaveUp;
        synchronized (this) {
            if (forGeneration != generation) {
                return;
            }
            attempts = delivery.attempted(status, error, delivered ? now : null);
            gaveUp = !delivered && attempts >= config.webhookMaxAttempts();
            delivery.gaveUp = gaveUp;
        }
        if (!delivery.copy) {
            persist(delivery.event.eventId(), attempts, status, error, delivered ? now : null, gaveUp);
        }
        if (delivered) {
            LOG.debug("Event {} delivered to {} on attempt {}", delivery.event.eventId(), delivery.event.notifyUrl(), attempts);
        } else if (gaveUp) {
            LOG.warn("Gave up delivering event {} ({}) to {} after {} attempts; last: {}", delivery.event.eventId(),
                    delivery.event.type(), delivery.event.notifyUrl(), attempts, status != null ? status : error);
        } else {
            Duration wait = config.backoffAfter(attempts);
            LOG.debug("Event {} attempt {} failed ({}); again in {} ms", delivery.event.eventId(), attempts,
                    status != null ? status : error, wait.toMillis());
            schedule(delivery, wait, forGeneration);
        }
    }

    private void persist(String eventId, int attempts, Integer status, String error, Instant deliveredAt, boolean gaveUp) {
        try {
            database.inTransaction(c -> {
                PaymentStore.recordAttempt(c, eventId, attempts, status, error, deliveredAt, gaveUp);
                return null;
            });
        } catch (RuntimeException e) {
            // the delivery goes on from memory; only a restart would repeat this attempt
            LOG.warn("Could not record attempt {} of event {}: {}", attempts, eventId, e.toString());
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
    }

    /** One event on its way to one receiver: the event itself, or (with duplicates on) its copy. */
    private static final class Delivery {
        final PaymentStore.StoredEvent event;
        final boolean copy;
        int attempts;
        Integer lastStatus;
        String lastError;
        Instant deliveredAt;
        boolean gaveUp;

        Delivery(PaymentStore.StoredEvent event, boolean copy) {
            this.event = event;
            this.copy = copy;
            this.attempts = copy ? 0 : event.attempts();
        }

        int attempted(Integer status, String error, Instant delivered) {
            attempts++;
            lastStatus = status;
            lastError = error;
            deliveredAt = delivered;
            return attempts;
        }

        DeliveryView view() {
            return new DeliveryView(event.eventId(), event.type(), event.paymentId(), attempts, lastStatus, lastError,
                    deliveredAt != null, deliveredAt == null ? null : deliveredAt.toString(), gaveUp, copy);
        }
    }

    /**
     * One delivery as the admin API lists it.
     *
     * @param lastStatus the HTTP status of the last attempt; null before the first or when it got no answer
     * @param lastError why the last attempt got no answer (refused, timed out)
     * @param copy whether this is the second delivery of a duplicated event
     */
    @Serdeable
    public record DeliveryView(String eventId, String type, String paymentId, int attempts, @Nullable Integer lastStatus,
            @Nullable String lastError, boolean delivered, @Nullable String deliveredAt, boolean gaveUp, boolean copy) {
    }
}
