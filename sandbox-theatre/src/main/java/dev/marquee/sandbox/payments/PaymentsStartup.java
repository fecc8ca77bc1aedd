package dev.marquee.sandbox.payments;

import dev.marquee.sandbox.SandboxConfig;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Once the server listens, payments start afresh with {@code sandbox.reset-on-start}; otherwise deliveries carry on. */
@Singleton
public class PaymentsStartup {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentsStartup.class);

    private final Payments payments;
    private final SandboxConfig sandbox;
    private final PaymentViews views;

    public PaymentsStartup(Payments payments, SandboxConfig sandbox, PaymentViews views) {
        this.payments = payments;
        this.sandbox = sandbox;
        this.views = views;
    }

    @EventListener
    public void onStartup(ServerStartupEvent event) {
        if (sandbox.resetOnStart()) {
            payments.reset();
        } else {
            payments.resume();
        }
        LOG.info("Payment provider API under /payments/v1, hosted pages at {}", views.paymentUrl("{paymentId}"));
    }
}
