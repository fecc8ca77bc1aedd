package dev.marquee.sandbox.payments;

import dev.marquee.sandbox.Database;
import dev.marquee.sandbox.http.Problem;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment provider: payments made, paid with test cards, refunded. Every change and the webhook
 * event telling of it are written in one transaction, then the event is handed to {@link Webhooks}.
 */
@Singleton
public class Payments {
    private static final Logger LOG = LoggerFactory.getLogger(Payments.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom IDS = new SecureRandom();

    private final Database database;
    private final Clock clock;
    private final PaymentsConfig config;
    private final Webhooks webhooks;
    private final JsonMapper json;
    private final TaskScheduler scheduler;
    private final ExecutorService work;

    public Payments(Database database, Clock clock, PaymentsConfig config, Webhooks webhooks, JsonMapper json,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, @Named(TaskExecutors.BLOCKING) ExecutorService work) {
        this.database = database;
        this.clock = clock;
        this.config = config;
        this.webhooks = webhooks;
        this.json = json;
        this.scheduler = scheduler;
        this.work = work;
    }

    /** A payment to make, validated by {@link PaymentController}. */
    public record NewPayment(String reference, long amountMinor, String currency, String description, String customerEmail,
            String notifyUrl, String returnUrl) {
    }

    /** What creating a payment did. */
    public sealed interface Creation {
    }

    public record Created(Payment payment) implements Creation {
    }

    /** A payment with the same reference, amount and currency existed: nothing new was made. */
    public record Existing(Payment payment) implements Creation {
    }

    /** A payment with the same reference exists for another amount or currency. */
    public record ReferenceConflict(Payment existing) implements Creation {
    }

    /** What an attempt to pay did. */
    public sealed interface Attempt {
        Payment payment();
    }

    /** Paid; with {@code late}, the webhook is held back. */
    public record Paid(Payment payment, boolean late) implements Attempt {
    }

    public record Declined(Payment payment, String code) implements Attempt {
    }

    /** The payment had been paid before: nothing changed. */
    public record AlreadyPaid(Payment payment) implements Attempt {
    }

    /** What a refund request did. */
    public sealed interface Refunding {
    }

    public record RefundStarted(Payment payment) implements Refunding {
    }

    /** The payment was refunded (or is being) before: the same refund again. */
    public record RefundExisting(Payment payment) implements Refunding {
    }

    /** Not paid, so nothing to refund. */
    public record NotRefundable(Payment payment) implements Refunding {
    }

    public Creation create(NewPayment request) {
        try {
            return database.inTransaction(c -> create(c, request));
        } catch (Database.DatabaseException e) {
            if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            // another request made a payment with this reference in between: answer as its retry would be
            return database.inTransaction(c -> create(c, request));
        }
    }

    private Creation create(Connection c, NewPayment request) throws SQLException {
        Optional<Payment> existing = PaymentStore.findByReference(c, request.reference());
        if (existing.isPresent()) {
            Payment payment = existing.get();
            boolean same = payment.amountMinor() == request.amountMinor() && payment.currency().equals(request.currency());
            return same ? new Existing(payment) : new ReferenceConflict(payment);
        }
        Payment payment = new Payment(newId("pay_"), request.reference(), PaymentStatus.OPEN, request.amountMinor(),
                request.currency(), request.description(), request.customerEmail(), request.notifyUrl(), request.returnUrl(),
                now(), null, null);
        PaymentStore.insert(c, payment);
        LOG.debug("Payment {} made for reference {}", payment.paymentId(), payment.reference());
        return new Created(payment);
    }

    public Optional<Payment> find(String paymentId) {
        return database.inTransaction(c -> PaymentStore.find(c, paymentId, false));
    }

    /** Pays with a test card (see {@link TestCards}). */
    public Attempt pay(String paymentId, String card) {
        return attempt(paymentId, TestCards.judge(card), "card ending " + TestCards.lastFour(card));
    }

    /** The payer pressed Decline. */
    public Attempt decline(String paymentId) {
        return attempt(paymentId, new TestCards.Decline(TestCards.CARD_DECLINED), "the Decline button");
    }

    private Attempt attempt(String paymentId, TestCards.Verdict verdict, String how) {
        List<PaymentStore.StoredEvent> events = new ArrayList<>();
        Attempt attempt = database.inTransaction(c -> {
            Payment payment = PaymentStore.find(c, paymentId, true).orElseThrow(() -> notFound(paymentId));
            if (payment.status().paid()) {
                return new AlreadyPaid(payment);
            }
            Instant now = now();
            return switch (verdict) {
                case TestCards.Approve approve -> {
                    PaymentStore.setStatus(c, paymentId, PaymentStatus.SUCCEEDED, now);
                    Instant notBefore = approve.late() ? now.plus(config.lateDelay()) : now;
                    events.add(event(c, payment, WebhookEvent.PAYMENT_SUCCEEDED, null, null, notBefore));
                    yield new Paid(reread(c, paymentId), approve.late());
                }
                case TestCards.Decline decline -> {
                    PaymentStore.setStatus(c, paymentId, PaymentStatus.FAILED, null);
                    events.add(event(c, payment, WebhookEvent.PAYMENT_FAILED, null, decline.code(), now));
                    yield new Declined(reread(c, paymentId), decline.code());
                }
            };
        });
        LOG.debug("Payment {} with {}: {}", paymentId, how, attempt.getClass().getSimpleName());
        events.forEach(webhooks::submit);
        return attempt;
    }

    /** Starts a full refund; it succeeds {@code sandbox.payments.refund-delay} later. */
    public Refunding refund(String paymentId, String reason) {
        Refunding refunding = database.inTransaction(c -> {
            Payment payment = PaymentStore.find(c, paymentId, true).orElseThrow(() -> notFound(paymentId));
            if (payment.refund() != null) {
                return new RefundExisting(payment);
            }
            if (payment.status() != PaymentStatus.SUCCEEDED) {
                return new NotRefundable(payment);
            }
            PaymentStore.insertRefund(c, new Payment.Refund(newId("re_"), paymentId, Payment.RefundStatus.PENDING, reason,
                    now(), null));
            return new RefundStarted(reread(c, paymentId));
        });
        if (refunding instanceof RefundStarted) {
            completeRefundLater(paymentId);
        }
        return refunding;
    }

    private void completeRefundLater(String paymentId) {
        scheduler.schedule(config.refundDelay(), () -> work.execute(() -> {
            try {
                completeRefund(paymentId);
            } catch (RuntimeException e) {
                LOG.warn("Could not complete the refund of payment {}: {}", paymentId, e.toString());
            }
        }));
    }

    private void completeRefund(String paymentId) {
        List<PaymentStore.StoredEvent> events = new ArrayList<>();
        database.inTransaction(c -> {
            Optional<Payment> found = PaymentStore.find(c, paymentId, true);
            if (found.isEmpty() || found.get().refund() == null
                    || found.get().refund().status() != Payment.RefundStatus.PENDING) {
                return null; // reset in between, or completed already
            }
            Payment payment = found.get();
            Payment.Refund refund = payment.refund();
            PaymentStore.refundSucceeded(c, refund.refundId(), now());
            PaymentStore.setStatus(c, paymentId, PaymentStatus.REFUNDED, null);
            events.add(event(c, payment, WebhookEvent.REFUND_SUCCEEDED, refund.refundId(), refund.reason(), now()));
            return null;
        });
        events.forEach(webhooks::submit);
    }

    /** Carries on where an earlier run stopped: refunds still pending, events not yet delivered. */
    public void resume() {
        List<String> refunds = database.inTransaction(PaymentStore::paymentsWithPendingRefunds);
        List<PaymentStore.StoredEvent> events = database.inTransaction(PaymentStore::undelivered);
        if (!refunds.isEmpty() || !events.isEmpty()) {
            LOG.info("Resuming {} pending refunds and {} undelivered webhook events", refunds.size(), events.size());
        }
        refunds.forEach(this::completeRefundLater);
        events.forEach(webhooks::submit);
    }

    /** Deletes every payment, refund and event, and drops pending deliveries. */
    public void reset() {
        webhooks.reset();
        database.inTransaction(c -> {
            PaymentStore.clear(c);
            return null;
        });
    }

    private PaymentStore.StoredEvent event(Connection c, Payment payment, String type, String refundId, String reason,
            Instant notBefore) throws SQLException {
        Instant createdAt = now();
        String eventId = newId("evt_");
        WebhookEvent event = new WebhookEvent(eventId, type, createdAt.toString(), new WebhookEvent.Data(payment.paymentId(),
                payment.reference(), payment.amount(), payment.currency(), refundId, reason));
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write event " + eventId, e);
        }
        PaymentStore.StoredEvent stored = new PaymentStore.StoredEvent(eventId, type, payment.paymentId(), body,
                payment.notifyUrl(), notBefore, 0);
        PaymentStore.insertEvent(c, stored, createdAt);
        return stored;
    }

    private static Payment reread(Connection c, String paymentId) throws SQLException {
        return PaymentStore.find(c, paymentId, false).orElseThrow();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static Problem.ProblemException notFound(String paymentId) {
        return Problem.PAYMENT_NOT_FOUND.exception("No payment " + paymentId);
    }

    private static String newId(String prefix) {
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[IDS.nextInt(ID_CHARS.length)];
        }
        return prefix + new String(id);
    }
}
