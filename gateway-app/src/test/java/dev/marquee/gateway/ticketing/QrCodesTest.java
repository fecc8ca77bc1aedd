package dev.marquee.gateway.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.bookings.TicketClaims;
import dev.marquee.gateway.testing.QrImages;
import io.nayuki.qrcodegen.QrCode;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
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
    void everyTicketsQrCodeReadsBack() {
        TicketSigner signer = new TicketSigner(new TicketSettings(Ed25519Keys.privateKeyText(Ed25519Keys.generate())), null);
        Random random = new Random(20261202);
        for (int i = 0; i < 400; i++) {
            String payload = signer.sign(new TicketClaims("tkt_" + new UUID(random.nextLong(), random.nextLong()),
                    "bkg_" + new UUID(random.nextLong(), random.nextLong()), "aurora:" + random.nextInt(1_000_000),
                    "aurora:" + random.nextInt(10_000), "F" + (1 + random.nextInt(30)), "F" + (1 + random.nextInt(30)),
                    Instant.parse("2026-11-21T19:30:00Z"), Instant.parse("2026-11-21T22:19:00Z")));

            assertThat(QrImages.decode(QrCodes.png(payload))).as("ticket %d", i).isEqualTo(payload);
        }
    }

    @Test
    void theImageIsA300PixelSquarePng() {
        byte[] png = QrCodes.png("MQT1.AAAA.BBBB");

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = QrImages.image(png);
        assertThat(image.getWidth()).isEqualTo(QrCodes.SIZE);
        assertThat(image.getHeight()).isEqualTo(QrCodes.SIZE);
    }

    @Test
    void eachModuleIsASquareOfWholePixelsCentredInAQuietZoneOfFourModulesAtLeast() {
        String payload = "MQT1.eyJ0IjoidGt0XzEifQ.c2lnbmF0dXJl";
        QrCode code = QrCode.encodeText(payload, QrCode.Ecc.MEDIUM);
        int scale = QrCodes.SIZE / (code.size + 2 * QrCodes.QUIET_ZONE);
        int offset = (QrCodes.SIZE - code.size * scale) / 2;

        BufferedImage written = QrImages.image(QrCodes.png(payload));

        assertThat(offset).isGreaterThanOrEqualTo(QrCodes.QUIET_ZONE * scale);
        for (int y = 0; y < QrCodes.SIZE; y++) {
            for (int x = 0; x < QrCodes.SIZE; x++) {
                boolean dark = code.getModule(Math.floorDiv(x - offset, scale), Math.floorDiv(y - offset, scale));
                assertThat(written.getRGB(x, y) & 0xffffff).as("pixel %d,%d", x, y).isEqualTo(dark ? 0 : 0xffffff);
            }
        }
    }
}
