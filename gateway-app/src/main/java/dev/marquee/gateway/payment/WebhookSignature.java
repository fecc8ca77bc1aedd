package dev.marquee.gateway.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provider's webhook signature: {@code Payment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code "<t>.<body>"}. Signing the timestamp with the body lets the gateway refuse a replay of an old
 * webhook; several {@code v1} values may be present while the provider rotates its secret.
 */
public final class WebhookSignature {
    public static final String HEADER = "Payment-Signature";

    private WebhookSignature() {
    }

    /** How a signature checked out. */
    public sealed interface Verdict {
        record Valid(Instant signedAt) implements Verdict {
        }

        /** The header is missing or not in the expected form. */
        record Malformed(String reason) implements Verdict {
        }

        /** No signature matches the body: forged, altered, or signed with another secret. */
        record Mismatch() implements Verdict {
        }

        /** Signed too long ago (or in the future): possibly a replay. */
        record OutsideTolerance(Instant signedAt) implements Verdict {
        }
    }

    public static Verdict verify(String header, byte[] body, String secret, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return new Verdict.Malformed("the " + HEADER + " header is missing");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                return new Verdict.Malformed("the " + HEADER + " header is not 't=<seconds>,v1=<hex>'");
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return new Verdict.Malformed("the signature's t is not a number of seconds");
                }
            } else if (name.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return new Verdict.Malformed("the " + HEADER + " header needs t and v1");
        }
        byte[] expected = HexFormat.of().formatHex(mac(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (String signature : signatures) {
            matches |= MessageDigest.isEqual(expected, signature.toLowerCase().getBytes(StandardCharsets.US_ASCII));
        }
        if (!matches) {
            return new Verdict.Mismatch();
        }
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return new Verdict.OutsideTolerance(signedAt);
        }
        return new Verdict.Valid(signedAt);
    }

    /** The header value a provider would send; for tests and tools that play the provider. */
    public static String sign(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    private static byte[] mac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
