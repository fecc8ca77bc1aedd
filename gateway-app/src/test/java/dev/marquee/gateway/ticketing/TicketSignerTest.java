package dev.marquee.gateway.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.booking.bookings.TicketClaims;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Ticket signatures: what the gateway signs verifies, anything else does not. */
class TicketSignerTest {
    private static final TicketClaims CLAIMS = new TicketClaims("tkt_0b4c6f2e9d8a4f7c8e1d2a3b4c5d6e7f",
            "bkg_5f0c7a522b1e4d4e9a570f1a4c0b9a31", "aurora:88123", "aurora:1042", "F12", "F12",
            Instant.parse("2026-11-21T19:30:00Z"), Instant.parse("2026-11-21T22:19:00Z"));

    private final KeyPair keys = Ed25519Keys.generate();
    private final TicketSigner signer = signerWith(keys);

    @Test
    void aSignedTicketVerifiesWithItsClaimsIntact() {
        String payload = signer.sign(CLAIMS);

        assertThat(payload).startsWith("MQT1.");
        assertThat(signer.verify(payload)).isEqualTo(new TicketVerification.Genuine(CLAIMS));
    }

    @Test
    void thePayloadIsCompactEnoughForAnEasilyScannedQrCode() {
        assertThat(signer.sign(CLAIMS)).hasSizeLessThan(300).matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void claimsWithNonAsciiTextRoundTrip() {
        TicketClaims claims = new TicketClaims("tkt_1", "bkg_1", "kino:7", "kino:Zürich-Löwen", "Ré 5", "Rang Ré 5",
                Instant.parse("2026-11-21T19:30:00Z"), Instant.parse("2026-11-21T21:00:00Z"));

        assertThat(signer.verify(signer.sign(claims))).isEqualTo(new TicketVerification.Genuine(claims));
    }

    @Test
    void aFlippedCharacterInTheClaimsIsForged() {
        String payload = signer.sign(CLAIMS);
        int at = payload.indexOf('.') + 10;
        char flipped = payload.charAt(at) == 'A' ? 'B' : 'A';
        String altered = payload.substring(0, at) + flipped + payload.substring(at + 1);

        assertThat(signer.verify(altered)).isInstanceOf(TicketVerification.Forged.class);
    }

    @Test
    void claimsChangedAndSignedWithAnotherKeyAreForged() {
        TicketSigner impostor = signerWith(Ed25519Keys.generate());
        TicketClaims otherSeat = new TicketClaims(CLAIMS.ticketId(), CLAIMS.bookingId(), CLAIMS.showId(), CLAIMS.cinemaId(),
                "A1", "A1", CLAIMS.startsAt(), CLAIMS.endsAt());

        assertThat(signer.verify(impostor.sign(otherSeat))).isInstanceOf(TicketVerification.Forged.class);
    }

    @Test
    void aSignatureMovedOntoOtherClaimsIsForged() {
        String genuine = signer.sign(CLAIMS);
        String other = signer.sign(new TicketClaims("tkt_2", CLAIMS.bookingId(), CLAIMS.showId(), CLAIMS.cinemaId(), "F13",
                "F13", CLAIMS.startsAt(), CLAIMS.endsAt()));
        String spliced = other.substring(0, other.lastIndexOf('.')) + genuine.substring(genuine.lastIndexOf('.'));

        assertThat(signer.verify(spliced)).isInstanceOf(TicketVerification.Forged.class);
    }

    @Test
    void garbageIsMalformed() {
        for (String garbage : new String[] {"", "hello", "https://example.org/ticket/42", "MQT1..", "MQT1.!!!.???",
                "MQT2.AAAA.AAAA", signer.sign(CLAIMS) + ".extra"}) {
            assertThat(signer.verify(garbage)).as(garbage).isInstanceOf(TicketVerification.Malformed.class);
        }
        assertThat(signer.verify(null)).isInstanceOf(TicketVerification.Malformed.class);
    }

    @Test
    void aCutShortPayloadIsMalformed() {
        String payload = signer.sign(CLAIMS);

        assertThat(signer.verify(payload.substring(0, payload.length() - 8))).isInstanceOf(TicketVerification.Malformed.class);
    }

    @Test
    void aVenueVerifiesOfflineWithThePublishedPublicKeyAlone() throws Exception {
        String published = Base64.getEncoder().encodeToString(signer.publicKey().getEncoded());
        PublicKey venueKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(published)));
        String payload = signer.sign(CLAIMS);

        assertThat(TicketSigner.verify(payload, venueKey)).isEqualTo(new TicketVerification.Genuine(CLAIMS));
        // And by hand, as a scanner in another language would: the signature covers "MQT1.<claims>".
        Signature check = Signature.getInstance("Ed25519");
        check.initVerify(venueKey);
        check.update(payload.substring(0, payload.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
        assertThat(check.verify(Base64.getUrlDecoder().decode(payload.substring(payload.lastIndexOf('.') + 1)))).isTrue();
    }

    @Test
    void theSignatureIsTheJdksEd25519SignatureByteForByte() throws Exception {
        // Ed25519 is deterministic: the same key and text give the same signature, whichever library signs.
        String payload = signer.sign(CLAIMS);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(keys.getPrivate());
        jdk.update(payload.substring(0, payload.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));

        assertThat(Base64.getUrlDecoder().decode(payload.substring(payload.lastIndexOf('.') + 1))).isEqualTo(jdk.sign());
    }

    @Test
    void aConfiguredKeySignsWithTheMatchingPublicKey() {
        String configured = Ed25519Keys.privateKeyText(keys);

        TicketSigner fromConfig = new TicketSigner(new TicketSettings(configured), null);

        assertThat(fromConfig.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(signer.verify(fromConfig.sign(CLAIMS))).isInstanceOf(TicketVerification.Genuine.class);
    }

    @Test
    void aKeyAsOpensslWritesItIsAccepted() {
        // `openssl genpkey -algorithm ed25519` for the RFC 8032 test vector 1 secret key.
        String pem = "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g";
        String rfc8032PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

        TicketSigner fromConfig = new TicketSigner(new TicketSettings(pem), null);

        byte[] x509 = fromConfig.publicKey().getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        assertThat(java.util.HexFormat.of().formatHex(raw)).isEqualTo(rfc8032PublicKey);
    }

    @Test
    void aConfiguredKeyThatIsNotAnEd25519KeyStopsStartupNamingTheSettingButNotTheValue() {
        assertThatThrownBy(() -> new TicketSigner(new TicketSettings("c2VjcmV0LXNlY3JldA=="), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.tickets.signing-key")
                .hasMessageNotContaining("c2VjcmV0LXNlY3JldA==");
    }

    private static TicketSigner signerWith(KeyPair keys) {
        return new TicketSigner(new TicketSettings(Ed25519Keys.privateKeyText(keys)), null);
    }
}
