package dev.marquee.gateway.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.bookings.TicketClaims;
import java.awt.image.BufferedImage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** QR code images of ticket payloads read back to the same payload. */
class QrCodesTest {

    @Test
    void aTicketsQrCodeReadsBackToItsPayload() {
        TicketSigner signer = new TicketSigner(new TicketSettings(Ed25519Keys.privateKeyText(Ed25519Keys.generate())), null);
        String payload = signer.sign(new TicketClaims("tkt_0b4c6f2e9d8a4f7c8e1d2a3b4c5d6e7f", "bkg_5f0c7a522b1e4d4e9a570f1a4c0b9a31",
                "aurora:88123", "aurora:1042", "F12", "F12", Instant.parse("2026-11-21T19:30:00Z"),
                Instant.parse("2026-11-21T22:19:00Z")));

        byte[] png = QrCodes.png(payload);

        assertThat(QrImages.decode(png)).isEqualTo(payload);
    }

    @Test
    void theImageIsA300PixelSquarePng() {
        byte[] png = QrCodes.png("MQT1.AAAA.BBBB");

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = QrImages.image(png);
        assertThat(image.getWidth()).isEqualTo(QrCodes.SIZE);
        assertThat(image.getHeight()).isEqualTo(QrCodes.SIZE);
    }
}
