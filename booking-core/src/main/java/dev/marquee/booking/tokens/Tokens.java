package dev.marquee.booking.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashing of the secrets that grant access to holds, bookings, waitlist entries and door scanners:
 * stores keep only the SHA-256 of a secret, and a presented secret is compared in constant time.
 */
public final class Tokens {
    private Tokens() {
    }

    /** The hex SHA-256 of a secret, as stores keep it. */
    public static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** Compares in constant time, so answers do not leak how much of a guess was right. */
    public static boolean matches(String secret, String storedHash) {
        return secret != null && storedHash != null && MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
