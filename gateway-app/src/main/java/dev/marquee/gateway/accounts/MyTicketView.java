package dev.marquee.gateway.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A ticket in its account's list. {@code usable}: valid and its show not over; only then does it carry the signed QR
 * payload to show at the door.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MyTicketView(String ticketId, String bookingId, String status, boolean usable, MyBookingView.ShowLine show,
        Seat seat, @Nullable String qrPayload) {

    /** The seat. */
    @Serdeable
    public record Seat(String seatId, String label) {
    }
}
