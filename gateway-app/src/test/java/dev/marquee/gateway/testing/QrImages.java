package dev.marquee.gateway.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Reads a ticket's QR code image back, as the scanner at the door reads it off a phone's screen.
 *
 * <p>The image holds nothing but the code and its quiet zone, so it is read in ZXing's pure-barcode mode. Its
 * camera mode looks for the three finder patterns in a scene and, on perfectly sharp synthetic images, takes a
 * pattern in the data for one of them about once in 25 ticket codes (125 of 3,000 here) — a known limit of that
 * detector on images no camera produces, which made a test that used it fail now and then.
 */
public final class QrImages {
    private QrImages() {
    }

    public static BufferedImage image(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new AssertionError("not an image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the QR code in a PNG. */
    public static String decode(byte[] png) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image(png))));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no QR code could be read from the image", e);
        }
    }
}
