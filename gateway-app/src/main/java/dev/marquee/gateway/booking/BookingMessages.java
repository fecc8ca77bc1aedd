package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.Booking;
import dev.marquee.booking.bookings.BookingOutbox;
import dev.marquee.booking.bookings.Ticket;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.City;
import dev.marquee.gateway.messaging.OutboundMessage;
import dev.marquee.gateway.messaging.Outbox;
import dev.marquee.gateway.notification.BookingNotice;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The messages a booking's changes send, as JSON in the outbox, written in the transaction that makes
 * the change (the caller's, which this joins).
 */
@Singleton
public class BookingMessages implements BookingOutbox {
    public static final String REFUND_REQUESTED = "booking.refund-requested";
    public static final String CANCELLATION_REQUESTED = "booking.cancellation-requested";

    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final CatalogHolder catalogs;

    public BookingMessages(Outbox outbox, TransactionOperations<Connection> transactions, JsonMapper json, CatalogHolder catalogs) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.json = json;
        this.catalogs = catalogs;
    }

    /** The wire form of a refund request. */
    @Serdeable
    public record RefundRequestMessage(String bookingId, String paymentId, String reason) {
    }

    @Override
    public void refundRequested(Booking booking, String reason) {
        append(new OutboundMessage(booking.id() + ":refund", REFUND_REQUESTED,
                write(new RefundRequestMessage(booking.id(), booking.paymentId(), reason))));
    }

    /** The wire form of a cancellation the chain must be told of. */
    @Serdeable
    public record CancellationMessage(String bookingId) {
    }

    @Override
    public void cancellationRequested(Booking booking) {
        append(new OutboundMessage(booking.id() + ":cancellation", CANCELLATION_REQUESTED,
                write(new CancellationMessage(booking.id()))));
    }

    @Override
    public void confirmed(Booking booking, List<Ticket> tickets) {
        notice(booking, BookingNotice.Kind.CONFIRMED, null, tickets);
    }

    @Override
    public void refunded(Booking booking, String reason) {
        notice(booking, BookingNotice.Kind.REFUNDED, reason, List.of());
    }

    @Override
    public void cancelled(Booking booking, String reason) {
        notice(booking, BookingNotice.Kind.CANCELLED, reason, List.of());
    }

    private void notice(Booking booking, BookingNotice.Kind kind, String reason, List<Ticket> tickets) {
        BookingNotice notice = new BookingNotice(booking.id(), booking.email(), kind, booking.show().movieTitle(),
                booking.show().cinemaName(), booking.show().hallName(), booking.show().startsAt(), timeZoneOf(booking).getId(),
                booking.amount().amount().toPlainString(), booking.amount().currency(), reason,
                tickets.stream().map(t -> new BookingNotice.NoticeTicket(t.id(), t.seatId(), t.seatLabel(), t.qrPayload())).toList());
        append(new OutboundMessage(booking.id() + ":" + kind.name().toLowerCase(Locale.ROOT), kind.routingKey(), write(notice)));
    }

    private void append(OutboundMessage message) {
        transactions.executeWrite(status -> {
            outbox.append(status.getConnection(), message);
            return null;
        });
    }

    private ZoneId timeZoneOf(Booking booking) {
        var catalog = catalogs.current();
        return catalog.cinema(booking.show().cinemaId()).flatMap(cinema -> catalog.city(cinema.cityId())).map(City::timeZone)
                .orElse(ZoneOffset.UTC);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
