package dev.marquee.gateway.booking;

import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.City;
import dev.marquee.gateway.messaging.OutboundMessage;
import dev.marquee.gateway.messaging.Outbox;
import dev.marquee.gateway.notification.BookingNotice;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** The messages a booking's changes send, written to the outbox in the transaction that makes the change. */
@Singleton
public class BookingMessages {
    public static final String REFUND_REQUESTED = "booking.refund-requested";

    private final Outbox outbox;
    private final JsonMapper json;
    private final CatalogHolder catalogs;

    public BookingMessages(Outbox outbox, JsonMapper json, CatalogHolder catalogs) {
        this.outbox = outbox;
        this.json = json;
        this.catalogs = catalogs;
    }

    /** The payment of a booking must be refunded; a consumer does it, retrying while the provider fails. */
    @Serdeable
    public record RefundRequest(String bookingId, String paymentId, String reason) {
    }

    public void refundRequested(Connection c, Booking booking, String reason) {
        outbox.append(c, new OutboundMessage(booking.id() + ":refund", REFUND_REQUESTED,
                write(new RefundRequest(booking.id(), booking.paymentId(), reason))));
    }

    public void confirmed(Connection c, Booking booking, List<Ticket> tickets) {
        notice(c, booking, BookingNotice.Kind.CONFIRMED, null, tickets);
    }

    public void refunded(Connection c, Booking booking, String reason) {
        notice(c, booking, BookingNotice.Kind.REFUNDED, reason, List.of());
    }

    public void cancelled(Connection c, Booking booking, String reason) {
        notice(c, booking, BookingNotice.Kind.CANCELLED, reason, List.of());
    }

    private void notice(Connection c, Booking booking, BookingNotice.Kind kind, String reason, List<Ticket> tickets) {
        BookingNotice notice = new BookingNotice(booking.id(), booking.email(), kind, booking.show().movieTitle(),
                booking.show().cinemaName(), booking.show().hallName(), booking.show().startsAt(), timeZoneOf(booking).getId(),
                booking.amount().amount().toPlainString(), booking.amount().currency(), reason,
                tickets.stream().map(t -> new BookingNotice.NoticeTicket(t.id(), t.seatId(), t.seatLabel(), t.qrPayload())).toList());
        outbox.append(c, new OutboundMessage(booking.id() + ":" + kind.name().toLowerCase(java.util.Locale.ROOT),
                kind.routingKey(), write(notice)));
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
