package dev.marquee.booking.testing;

import dev.marquee.booking.payments.PaymentProvider;
import dev.marquee.booking.payments.PaymentProviderException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A payment provider in memory: opens one payment per reference however often asked, refunds a payment at
 * most once, and can be made to fail the next calls, transiently (down) or permanently (refusing), or to lose the
 * answers of payments it opened.
 */
public final class FakePaymentProvider implements PaymentProvider {

    /** A refund made. */
    public record Refund(String paymentId, String refundId, String reason) {
    }

    private final Map<String, OpenPayment> paymentsByReference = new LinkedHashMap<>();
    private final Map<String, PaymentOrder> ordersByPayment = new LinkedHashMap<>();
    private final Map<String, Refund> refunds = new LinkedHashMap<>();
    private int failuresLeft;
    private int answersToLose;
    private boolean failTransiently;
    private int openCalls;
    private int refundCalls;
    private int ids;
    private final Map<String, Instant> paid = new LinkedHashMap<>();

    /** The next {@code calls} calls fail as if the provider were down: trying again later may succeed. */
    public synchronized void downFor(int calls) {
        failuresLeft = calls;
        failTransiently = true;
    }

    /** The next {@code calls} calls are refused: trying again will not help. */
    public synchronized void refuseNext(int calls) {
        failuresLeft = calls;
        failTransiently = false;
    }

    /** The next {@code calls} payments are opened, but their answers are lost on the way back: the caller sees a failure. */
    public synchronized void loseNextAnswers(int calls) {
        answersToLose = calls;
    }

    @Override
    public synchronized OpenPayment open(PaymentOrder order) {
        openCalls++;
        failIfScripted();
        OpenPayment opened = paymentsByReference.computeIfAbsent(order.reference(), reference -> {
            String paymentId = "pay_" + ++ids;
            ordersByPayment.put(paymentId, order);
            return new OpenPayment(paymentId, URI.create("https://pay.example/checkout/" + paymentId));
        });
        if (answersToLose > 0) {
            answersToLose--;
            throw new PaymentProviderException("scripted: the answer was lost", true, null);
        }
        return opened;
    }

    /** The customer pays at the provider (whether or not its event reaches the gateway). */
    public synchronized void pay(String paymentId, Instant at) {
        paid.put(paymentId, at);
    }

    @Override
    public synchronized Optional<PaymentState> find(String paymentId) {
        failIfScripted();
        PaymentOrder order = ordersByPayment.get(paymentId);
        if (order == null) {
            return Optional.empty();
        }
        PaymentState.Status status = refunds.containsKey(paymentId) ? PaymentState.Status.REFUNDED
                : paid.containsKey(paymentId) ? PaymentState.Status.SUCCEEDED : PaymentState.Status.OPEN;
        return Optional.of(new PaymentState(paymentId, order.reference(), status, order.amount(), paid.get(paymentId)));
    }

    @Override
    public synchronized String refund(String paymentId, String reason) {
        refundCalls++;
        failIfScripted();
        if (!ordersByPayment.containsKey(paymentId)) {
            throw new PaymentProviderException("no payment " + paymentId, false, null);
        }
        return refunds.computeIfAbsent(paymentId, id -> new Refund(id, "re_" + ++ids, reason)).refundId();
    }

    /** The payment opened for a reference (a booking id), if any. */
    public synchronized Optional<OpenPayment> paymentFor(String reference) {
        return Optional.ofNullable(paymentsByReference.get(reference));
    }

    public synchronized Optional<PaymentOrder> orderOf(String paymentId) {
        return Optional.ofNullable(ordersByPayment.get(paymentId));
    }

    /** Refunds made, one per payment at most. */
    public synchronized List<Refund> refunds() {
        return List.copyOf(refunds.values());
    }

    public synchronized int openCalls() {
        return openCalls;
    }

    public synchronized int refundCalls() {
        return refundCalls;
    }

    private void failIfScripted() {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new PaymentProviderException(failTransiently ? "scripted: provider down" : "scripted: provider refuses",
                    failTransiently, null);
        }
    }
}
