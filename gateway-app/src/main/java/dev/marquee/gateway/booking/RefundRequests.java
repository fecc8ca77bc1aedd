package dev.marquee.gateway.booking;

import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.payment.PaymentProvider;
import dev.marquee.gateway.payment.PaymentProviderException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refunds payments at the provider, retrying while it is down; the provider refunds a payment at most once. */
@Singleton
public class RefundRequests implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RefundRequests.class);

    private final PaymentProvider payments;
    private final BookingRepository bookings;
    private final JsonMapper json;

    public RefundRequests(PaymentProvider payments, BookingRepository bookings, JsonMapper json) {
        this.payments = payments;
        this.bookings = bookings;
        this.json = json;
    }

    @Override
    public String queue() {
        return "booking-refunds";
    }

    @Override
    public List<String> routingKeys() {
        return List.of(BookingMessages.REFUND_REQUESTED);
    }

    @Override
    public Handling handle(Delivery delivery) {
        BookingMessages.RefundRequest request;
        try {
            request = json.readValue(delivery.payload(), BookingMessages.RefundRequest.class);
        } catch (IOException | RuntimeException e) {
            return new Handling.Rejected("not a refund request: " + e.getMessage());
        }
        if (request.paymentId() == null) {
            return new Handling.Rejected("booking " + request.bookingId() + " has no payment to refund");
        }
        try {
            String refundId = payments.refund(request.paymentId(), request.reason());
            bookings.refundRequested(request.bookingId(), refundId);
            LOG.info("Payment {} of booking {} refunded as {}", request.paymentId(), request.bookingId(), refundId);
            return Handling.done();
        } catch (PaymentProviderException e) {
            if (!e.isTransient()) {
                return new Handling.Rejected("the provider refused to refund payment " + request.paymentId() + ": " + e.getMessage());
            }
            return new Handling.RetryLater(Duration.ofSeconds(10), e.getMessage());
        }
    }
}
