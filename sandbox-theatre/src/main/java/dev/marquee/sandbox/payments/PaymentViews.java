package dev.marquee.sandbox.payments;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Payments and refunds as the provider API writes them (payment-provider-api.yaml). */
@Singleton
public class PaymentViews {
    private final PaymentsConfig config;
    private final BeanProvider<EmbeddedServer> server;

    public PaymentViews(PaymentsConfig config, BeanProvider<EmbeddedServer> server) {
        this.config = config;
        this.server = server;
    }

    @Serdeable
    public record PaymentView(String paymentId, String reference, String status, String amount, String currency,
            String description, String paymentUrl, String createdAt, @Nullable String paidAt, @Nullable RefundView refund) {
    }

    @Serdeable
    public record RefundView(String refundId, String paymentId, String amount, String currency, String status, String reason,
            String createdAt) {
    }

    public PaymentView of(Payment payment) {
        return new PaymentView(payment.paymentId(), payment.reference(), payment.status().name(), payment.amount(),
                payment.currency(), payment.description(), paymentUrl(payment.paymentId()), payment.createdAt().toString(),
                text(payment.paidAt()), payment.refund() == null ? null : refundOf(payment));
    }

    /** The payment's refund; it must have one. */
    public RefundView refundOf(Payment payment) {
        Payment.Refund refund = payment.refund();
        return new RefundView(refund.refundId(), payment.paymentId(), payment.amount(), payment.currency(),
                refund.status().name(), refund.reason(), refund.createdAt().toString());
    }

    /** Where the payer pays: the hosted page under the public base URL. */
    public String paymentUrl(String paymentId) {
        return baseUrl() + "/pay/" + paymentId;
    }

    private String baseUrl() {
        if (config.publicBaseUrl() != null) {
            return config.publicBaseUrl();
        }
        return "http://localhost:" + server.get().getPort();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
