package dev.marquee.gateway.ticketing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Tickets, from {@code marquee.tickets.*}.
 *
 * @param signingKey the Ed25519 private key tickets are signed with, base64 PKCS#8
 *     ({@code MARQUEE_TICKET_SIGNING_KEY}); when blank, a key is made once and kept in the database so that
 *     every gateway instance and every restart signs with the same one
 */
@ConfigurationProperties("marquee.tickets")
public record TicketSettings(@Nullable String signingKey) {

    boolean hasSigningKey() {
        return signingKey != null && !signingKey.isBlank();
    }
}
