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
import java.security.interfaces.EdECPrivateKey;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
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
    private volatile Keys keys;

    public TicketSigner(TicketSettings settings, SigningKeyStore store) {
        this.store = store;
        if (settings.hasSigningKey()) {
            keys = Keys.of(configuredKeys(settings.signingKey()));
        }
    }

    /**
     * The QR payload for these claims. Signed with Bouncy Castle's Ed25519, which keeps the key's public half and
     * signs in about a tenth of the JDK's time (some 70 against 700 µs here): a burst of confirmations signs two
     * tickets a booking. The signatures are the same Ed25519 and are checked with the JDK's.
     */
    @Override
    public String sign(TicketClaims claims) {
        String signed = PREFIX + "." + ENCODER.encodeToString(ClaimsCodec.encode(claims));
        byte[] message = signed.getBytes(StandardCharsets.US_ASCII);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, keys().signing());
        signer.update(message, 0, message.length);
        return signed + "." + ENCODER.encodeToString(signer.generateSignature());
    }

    /** Whether a payload is a ticket this gateway signed, and its claims if so. */
    public TicketVerification verify(String payload) {
        return verify(payload, keys().pair().getPublic());
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
        return keys().pair().getPublic();
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

    private Keys keys() {
        Keys current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = Keys.of(store.storedOr(Ed25519Keys.generate()));
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

    /** The key pair, and its private half as Bouncy Castle signs with it. */
    private record Keys(KeyPair pair, Ed25519PrivateKeyParameters signing) {
        static Keys of(KeyPair pair) {
            byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                    .orElseThrow(() -> new IllegalStateException("the signing key's bytes cannot be read"));
            return new Keys(pair, new Ed25519PrivateKeyParameters(seed, 0));
        }
    }
}
