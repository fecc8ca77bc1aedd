package dev.marquee.booking.testing;

import dev.marquee.booking.bookings.Booking;
import dev.marquee.booking.bookings.BookingOutbox;
import dev.marquee.booking.bookings.Ticket;
import java.util.ArrayList;
import java.util.List;

/** Keeps the messages the rules send, in order. */
public final class RecordingOutbox implements BookingOutbox {
    public static final String REFUND_REQUESTED = "refundRequested";
    public static final String CONFIRMED = "confirmed";
    public static final String REFUNDED = "refunded";
    public static final String CANCELLED = "cancelled";
    public static final String CANCELLATION_REQUESTED = "cancellationRequested";

    /**
     * One message.
     *
     * @param kind which method sent it ({@link #CONFIRMED}, …)
     * @param bookingId the booking it is about
     * @param paymentId the booking's payment as the message carries it; null if none is recorded
     * @param reason the reason it carries; null for {@code confirmed}
     * @param tickets the tickets it carries; empty but for {@code confirmed}
     */
    public record Message(String kind, String bookingId, String paymentId, String reason, List<Ticket> tickets) {
        public Message {
            tickets = List.copyOf(tickets);
        }
    }

    private final List<Message> messages = new ArrayList<>();

    @Override
    public void refundRequested(Booking booking, String reason) {
        add(new Message(REFUND_REQUESTED, booking.id(), booking.paymentId(), reason, List.of()));
    }

    @Override
    public void confirmed(Booking booking, List<Ticket> tickets) {
        add(new Message(CONFIRMED, booking.id(), booking.paymentId(), null, tickets));
    }

    @Override
    public void refunded(Booking booking, String reason) {
        add(new Message(REFUNDED, booking.id(), booking.paymentId(), reason, List.of()));
    }

    @Override
    public void cancellationRequested(Booking booking) {
        add(new Message(CANCELLATION_REQUESTED, booking.id(), booking.paymentId(), null, List.of()));
    }

    @Override
    public void cancelled(Booking booking, String reason) {
        add(new Message(CANCELLED, booking.id(), booking.paymentId(), reason, List.of()));
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The kinds of the messages sent, in order. */
    public synchronized List<String> kinds() {
        return messages.stream().map(Message::kind).toList();
    }

    public synchronized List<Message> ofKind(String kind) {
        return messages.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    private synchronized void add(Message message) {
        messages.add(message);
    }
}
