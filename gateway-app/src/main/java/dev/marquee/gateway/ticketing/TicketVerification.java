package dev.marquee.gateway.ticketing;

import dev.marquee.booking.bookings.TicketClaims;
import java.util.Objects;

/** What a QR payload turned out to be when its signature was checked. */
public sealed interface TicketVerification {

    /** Signed by the gateway and unaltered: the claims can be trusted. */
    record Genuine(TicketClaims claims) implements TicketVerification {
        public Genuine {
            Objects.requireNonNull(claims, "claims");
        }
    }

    /** Shaped like a ticket, but the signature does not verify: altered, or signed with another key. */
    record Forged(String reason) implements TicketVerification {
        public Forged {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not a Marquee ticket at all: wrong prefix, bad encoding, truncated claims. */
    record Malformed(String reason) implements TicketVerification {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
