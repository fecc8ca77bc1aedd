package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.Refunds;
import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.messaging.MessageHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/** Refund requests from the outbox, handed to the core's {@link Refunds}. */
@Singleton
public class RefundRequestHandler implements MessageHandler {
    private final Refunds refunds;
    private final JsonMapper json;

    public RefundRequestHandler(Refunds refunds, JsonMapper json) {
        this.refunds = refunds;
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
        BookingMessages.RefundRequestMessage message;
        try {
            message = json.readValue(delivery.payload(), BookingMessages.RefundRequestMessage.class);
        } catch (IOException | RuntimeException e) {
            return new Handling.Rejected("not a refund request: " + e.getMessage());
        }
        if (message.bookingId() == null) {
            return new Handling.Rejected("a refund request without a booking id");
        }
        return Settlements.handling(refunds.refund(new Refunds.RefundRequest(message.bookingId(), message.paymentId(),
                message.reason())));
    }
}
