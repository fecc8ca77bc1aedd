package dev.marquee.gateway.notification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the booking code tells the email sender, as the JSON payload of a {@code booking.confirmed},
 * {@code booking.refunded} or {@code booking.cancelled} message (see {@link Kind#routingKey()}). Built and
 * serialized by the booking code with the app's JSON mapper; invalid notices cannot be built.
 *
 * @param bookingId the booking; with {@code kind} it names the one email sent for this notice
 * @param email where to send it
 * @param kind what happened to the booking
 * @param movieTitle the movie, as captured at checkout
 * @param cinemaName the cinema
 * @param hallName the hall
 * @param startsAt when the show starts
 * @param timeZone the cinema's IANA time zone ({@code Europe/London}), to show the local time
 * @param amount paid (CONFIRMED) or refunded (REFUNDED, CANCELLED), a decimal string ({@code "23.00"})
 * @param currency ISO 4217 code of {@code amount}
 * @param reason why a booking was refunded or cancelled, for people; may be null
 * @param tickets one per seat for CONFIRMED, with each ticket's signed QR payload; empty otherwise
 */
@Serdeable
public record BookingNotice(
        String bookingId,
        String email,
        Kind kind,
        String movieTitle,
        String cinemaName,
        String hallName,
        Instant startsAt,
        String timeZone,
        String amount,
        String currency,
        @Nullable String reason,
        @Nullable List<NoticeTicket> tickets) {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public BookingNotice {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(movieTitle, "movieTitle");
        Objects.requireNonNull(cinemaName, "cinemaName");
        Objects.requireNonNull(hallName, "hallName");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        tickets = tickets == null ? List.of() : List.copyOf(tickets);
        if (!DECIMAL.matcher(amount).matches()) {
            throw new IllegalArgumentException("amount must be a decimal string such as '23.00', got '" + amount + "'");
        }
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as 'EUR', got '" + currency + "'");
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone must be an IANA time zone such as 'Europe/London', got '" + timeZone + "'");
        }
        if (kind == Kind.CONFIRMED && tickets.isEmpty()) {
            throw new IllegalArgumentException("a CONFIRMED notice needs its tickets");
        }
        if (kind != Kind.CONFIRMED && !tickets.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " notice carries no tickets");
        }
    }

    /** What happened to a booking. */
    public enum Kind {
        /** Paid and confirmed at the chain: the tickets. */
        CONFIRMED("booking.confirmed"),
        /** Refunded after confirmation. */
        REFUNDED("booking.refunded"),
        /** Cancelled before or after confirmation (by the chain, the show, or a failed confirmation). */
        CANCELLED("booking.cancelled");

        private final String routingKey;

        Kind(String routingKey) {
            this.routingKey = routingKey;
        }

        /** The routing key of the message that carries a notice of this kind. */
        public String routingKey() {
            return routingKey;
        }
    }

    /**
     * One ticket of a confirmed booking.
     *
     * @param ticketId the ticket
     * @param seatId the chain's seat ref
     * @param seatLabel the seat as people read it
     * @param qrPayload its signed payload ({@code TicketSigner.sign})
     */
    @Serdeable
    public record NoticeTicket(String ticketId, String seatId, String seatLabel, String qrPayload) {
        public NoticeTicket {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(seatId, "seatId");
            Objects.requireNonNull(seatLabel, "seatLabel");
            Objects.requireNonNull(qrPayload, "qrPayload");
        }
    }
}
