package dev.marquee.gateway.ticketing;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The public key tickets are verified with.
 *
 * @param algorithm always {@code Ed25519}
 * @param publicKey base64 of its X.509 SubjectPublicKeyInfo encoding
 * @param format how {@code publicKey} is encoded: {@code X.509}
 * @param payloadFormat how to read a QR payload, for people writing a scanner
 */
@Serdeable
public record SigningKeyView(String algorithm, String publicKey, String format, String payloadFormat) {
}
