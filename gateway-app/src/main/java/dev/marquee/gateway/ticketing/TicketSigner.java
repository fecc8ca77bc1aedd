package dev.marquee.gateway.ticketing;

import dev.marquee.booking.bookings.TicketClaims;
import dev.marquee.booking.bookings.TicketSigning;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs ticket claims into QR payloads and checks them. A payload is
 * {@code MQT1.<base64url(claims)>.<base64url(signature)>}, unpadded, where the Ed25519 signature covers the
 * ASCII text {@code MQT1.<base64url(claims)>} and the claims are laid out as {@link ClaimsCodec} says. A venue
 * holding only the public key ({@code GET /api/v1/tickets/signing-key}) can check a ticket offline.
 */
@Singleton
public class TicketSigner implements TicketSigning {
    /** The payload's prefix; a new layout gets a new one. */
    public static final String PREFIX = "MQT1";
    private static final int SIGNATURE_BYTES = 64;
    private static final Logger LOG = LoggerFactory.getLogger(TicketSigner.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SigningKeyStore store;
    private volatile KeyPair keys;

    TicketSigner(TicketSettings settings, SigningKeyStore store) {
        this.store = store;
        if (settings.hasSigningKey()) {
            keys = configuredKeys(settings.signingKey());
        }
    }

    /** The QR payload for these claims. */
    @Override
    public String sign(TicketClaims claims) {
        String signed = PREFIX + "." + ENCODER.encodeToString(ClaimsCodec.encode(claims));
        try {
            Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signature.initSign(keys().getPrivate());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + ENCODER.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a ticket with Ed25519", e);
        }
    }

    /** Whether a payload is a ticket this gateway signed, and its claims if so. */
    public TicketVerification verify(String payload) {
        return verify(payload, keys().getPublic());
    }

    /** The same check with any public key, as a venue makes it offline. */
    public static TicketVerification verify(String payload, PublicKey publicKey) {
        if (payload == null) {
            return new TicketVerification.Malformed("no payload");
        }
        String[] parts = payload.strip().split("\\.", -1);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            return new TicketVerification.Malformed("not a Marquee ticket: expected " + PREFIX + ".<claims>.<signature>");
        }
        byte[] claimBytes;
        byte[] signatureBytes;
        try {
            claimBytes = DECODER.decode(parts[1]);
            signatureBytes = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return new TicketVerification.Malformed("not a Marquee ticket: the claims or the signature are not base64url");
        }
        if (claimBytes.length == 0 || signatureBytes.length != SIGNATURE_BYTES) {
            return new TicketVerification.Malformed("not a Marquee ticket: the claims are empty or the signature is not "
                    + SIGNATURE_BYTES + " bytes");
        }
        if (!signatureMatches(parts[0] + "." + parts[1], signatureBytes, publicKey)) {
            return new TicketVerification.Forged("the signature does not match the claims: altered, or not signed by this gateway");
        }
        try {
            return new TicketVerification.Genuine(ClaimsCodec.decode(claimBytes));
        } catch (IllegalArgumentException e) {
            // Signed by us yet unreadable would be a bug of ours; say so rather than call it forged.
            LOG.warn("A ticket with a valid signature has unreadable claims: {}", e.getMessage());
            return new TicketVerification.Malformed("the claims cannot be read: " + e.getMessage());
        }
    }

    /** The key venues verify with. */
    public PublicKey publicKey() {
        return keys().getPublic();
    }

    private static boolean signatureMatches(String signed, byte[] signatureBytes, PublicKey publicKey) {
        try {
            Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signature.verify(signatureBytes);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with Ed25519", e);
        }
    }

    private KeyPair keys() {
        KeyPair current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = store.storedOr(Ed25519Keys.generate());
                    LOG.info("Tickets are signed with the key kept in the database (marquee.tickets.signing-key is not set)");
                }
                current = keys;
            }
        }
        return current;
    }

    private static KeyPair configuredKeys(String text) {
        try {
            KeyPair pair = Ed25519Keys.fromPrivateKeyText(text);
            LOG.info("Tickets are signed with the key of marquee.tickets.signing-key");
            return pair;
        } catch (IllegalArgumentException e) {
            // Never echo the value: it is a secret.
            throw new ConfigurationException("marquee.tickets.signing-key (MARQUEE_TICKET_SIGNING_KEY) must be a base64 "
                    + "PKCS#8 Ed25519 private key: " + e.getMessage());
        }
    }
}
