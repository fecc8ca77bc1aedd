package dev.marquee.gateway.ticketing;

import dev.marquee.booking.bookings.TicketClaims;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The claims of a ticket as bytes, compact so the QR code stays small enough to scan from a phone screen.
 *
 * <p>Layout, all big-endian: six strings (ticketId, bookingId, showId, cinemaId, seatId, seatLabel), each an
 * unsigned 16-bit byte length then UTF-8; then startsAt and endsAt as signed 64-bit epoch seconds. Nothing may
 * follow. Times keep whole seconds only.
 */
final class ClaimsCodec {
    private static final int MAX_STRING_BYTES = 0xFFFF;

    private ClaimsCodec() {
    }

    static byte[] encode(TicketClaims claims) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        for (String value : new String[] {claims.ticketId(), claims.bookingId(), claims.showId(), claims.cinemaId(),
                claims.seatId(), claims.seatLabel()}) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("a ticket claim is longer than " + MAX_STRING_BYTES + " bytes");
            }
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        ByteBuffer times = ByteBuffer.allocate(16);
        times.putLong(claims.startsAt().getEpochSecond()).putLong(claims.endsAt().getEpochSecond());
        out.writeBytes(times.array());
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes do not follow the layout */
    static TicketClaims decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            TicketClaims claims = new TicketClaims(string(in), string(in), string(in), string(in), string(in), string(in),
                    Instant.ofEpochSecond(in.getLong()), Instant.ofEpochSecond(in.getLong()));
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the claims");
            }
            return claims;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the claims are cut short", e);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("a time is out of range", e);
        }
    }

    private static String string(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a claim is not UTF-8", e);
        }
    }
}
