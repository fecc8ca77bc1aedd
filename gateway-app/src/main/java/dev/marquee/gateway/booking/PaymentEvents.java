package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.Confirmations;
import dev.marquee.booking.payments.PaymentReceived;
import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.payment.PaymentEvent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The payment provider's events, from the broker, handed to the core's {@link Confirmations}. */
@Singleton
public class PaymentEvents implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentEvents.class);

    private final Confirmations confirmations;
    private final JsonMapper json;

    public PaymentEvents(Confirmations confirmations, JsonMapper json) {
        this.confirmations = confirmations;
        this.json = json;
    }

    @Override
    public String queue() {
        return "booking-payments";
    }

    @Override
    public List<String> routingKeys() {
        return List.of(PaymentEvent.PAYMENT_SUCCEEDED, PaymentEvent.PAYMENT_FAILED, PaymentEvent.REFUND_SUCCEEDED);
    }

    @Override
    public Handling handle(Delivery delivery) {
        PaymentEvent event;
        try {
            event = json.readValue(delivery.payload(), PaymentEvent.class);
        } catch (IOException | RuntimeException e) {
            return new Handling.Rejected("not a payment event: " + e.getMessage());
        }
        if (event.data() == null || event.data().paymentId() == null) {
            return new Handling.Rejected("payment event " + event.id() + " names no payment");
        }
        PaymentEvent.Data data = event.data();
        return switch (event.type()) {
            case PaymentEvent.PAYMENT_SUCCEEDED -> Settlements.handling(confirmations.paid(new PaymentReceived(data.paymentId(),
                    data.reference(), data.amount(), data.currency(), event.createdAt())));
            case PaymentEvent.PAYMENT_FAILED -> Settlements.handling(confirmations.declined(data.paymentId(), data.reference(),
                    data.reason()));
            case PaymentEvent.REFUND_SUCCEEDED -> {
                if (confirmations.bookingOf(data.paymentId(), data.reference()).isEmpty()) {
                    yield new Handling.Rejected("no booking for payment " + data.paymentId());
                }
                LOG.info("Refund {} of payment {} went through", data.refundId(), data.paymentId());
                yield Handling.done();
            }
            default -> new Handling.Rejected("unknown payment event type " + event.type());
        };
    }
}
