package dev.marquee.gateway.ticketing;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** QR code images of ticket payloads. */
public final class QrCodes {
    /** Width and height in pixels: sharp on a phone screen and in print, small in an email. */
    public static final int SIZE = 300;
    /** The light margin the standard asks for around the code, in modules. */
    static final int QUIET_ZONE = 4;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private QrCodes() {
    }

    /**
     * A PNG of the payload as a QR code, error correction M (a scratched or glare-struck code still reads),
     * with the standard quiet zone around it. Encoded by Nayuki's QR Code generator, which, like every encoder
     * that follows the standard, scores all eight mask patterns and keeps the best; it does so in about
     * two thirds of ZXing's time, and that choice is most of a code's cost.
     */
    public static byte[] png(String payload) {
        QrCode code;
        try {
            code = QrCode.encodeText(payload, QrCode.Ecc.MEDIUM);
        } catch (DataTooLongException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + payload.length() + " characters", e);
        }
        return blackAndWhitePng(code);
    }

    /**
     * The code as a one-bit greyscale PNG of {@link #SIZE} pixels square, each module a whole number of pixels,
     * centred with at least the quiet zone around it. Written directly: drawing it through a {@code BufferedImage}
     * and ImageIO set each of its 90,000 pixels through a colour model, which cost more than encoding the code.
     */
    static byte[] blackAndWhitePng(QrCode code) {
        int scale = SIZE / (code.size + 2 * QUIET_ZONE);
        if (scale < 1) {
            throw new IllegalArgumentException("a QR code of " + code.size + " modules does not fit in " + SIZE + " pixels");
        }
        int offset = (SIZE - code.size * scale) / 2;
        int rowBytes = (SIZE + 7) / 8;
        byte[] raw = new byte[SIZE * (rowBytes + 1)];
        for (int y = 0; y < SIZE; y++) {
            int row = y * (rowBytes + 1); // its first byte is the filter type, 0 (none)
            int moduleY = Math.floorDiv(y - offset, scale);
            for (int x = 0; x < SIZE; x++) {
                int moduleX = Math.floorDiv(x - offset, scale);
                if (!code.getModule(moduleX, moduleY)) { // outside the code it is light; a set bit is white
                    raw[row + 1 + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(raw.length / 4);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(SIZE).putInt(SIZE)
                .put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", deflate(raw));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 8);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
