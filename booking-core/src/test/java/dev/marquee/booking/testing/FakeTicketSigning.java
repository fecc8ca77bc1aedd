package dev.marquee.booking.testing;

import dev.marquee.booking.bookings.TicketClaims;
import dev.marquee.booking.bookings.TicketSigning;
import java.util.ArrayList;
import java.util.List;

/** "Signs" claims by writing them out behind a marker, and keeps what it signed. */
public final class FakeTicketSigning implements TicketSigning {
    private final List<TicketClaims> signed = new ArrayList<>();

    @Override
    public synchronized String sign(TicketClaims claims) {
        signed.add(claims);
        return payloadOf(claims);
    }

    /** What {@link #sign} answers for these claims. */
    public static String payloadOf(TicketClaims claims) {
        return "signed:" + claims;
    }

    public synchronized List<TicketClaims> signed() {
        return List.copyOf(signed);
    }
}
