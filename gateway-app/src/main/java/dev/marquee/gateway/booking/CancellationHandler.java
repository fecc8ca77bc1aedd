package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.Bookings;
import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.messaging.MessageHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/**
 * Cancellations the customer asked for, from the outbox: tells the chain and finishes them, retrying while
 * the chain is down, so a cancellation recorded just before a crash is finished by whichever instance runs.
 */
@Singleton
public class CancellationHandler implements MessageHandler {
    private final Bookings bookings;
    private final JsonMapper json;

    public CancellationHandler(Bookings bookings, JsonMapper json) {
        this.bookings = bookings;
        this.json = json;
    }

    @Override
    public String queue() {
        return "booking-cancellations";
    }

    @Override
    public List<String> routingKeys() {
        return List.of(BookingMessages.CANCELLATION_REQUESTED);
    }

    @Override
    public Handling handle(Delivery delivery) {
        BookingMessages.CancellationMessage message;
        try {
            message = json.readValue(delivery.payload(), BookingMessages.CancellationMessage.class);
        } catch (IOException | RuntimeException e) {
            return new Handling.Rejected("not a cancellation: " + e.getMessage());
        }
        if (message.bookingId() == null) {
            return new Handling.Rejected("a cancellation without a booking id");
        }
        return switch (Settlements.handling(bookings.completeCancellation(message.bookingId()))) {
            // The chain refused: the booking is CONFIRMED again and its customer was answered; nothing is left to do.
            case Handling.Rejected refused -> Handling.done();
            case Handling other -> other;
        };
    }
}
