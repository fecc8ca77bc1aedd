package dev.marquee.gateway.ticketing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** Ed25519 key pairs to and from the text forms kept in configuration and the database. */
final class Ed25519Keys {
    static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    /** The base64 PKCS#8 encoding of a private key. */
    static String privateKeyText(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    }

    /** The base64 X.509 (SubjectPublicKeyInfo) encoding of a public key, as venues load it. */
    static String publicKeyText(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /**
     * The key pair of a base64 PKCS#8 Ed25519 private key (what {@code openssl genpkey -algorithm ed25519}
     * writes between the PEM lines).
     *
     * @throws IllegalArgumentException when the text is not such a key; the message never contains the key
     */
    static KeyPair fromPrivateKeyText(String text) {
        byte[] encoded;
        try {
            encoded = Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64");
        }
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 Ed25519 private key");
        }
        return withPublicKey(privateKey);
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from a private one, but its key pair generator
     * takes the 32-byte private key straight from the random source: handed the known key as "random" bytes,
     * it computes the matching public key. The result is checked, so a JDK that does it otherwise fails loudly.
     */
    private static KeyPair withPublicKey(PrivateKey privateKey) {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new IllegalArgumentException("the private key's bytes cannot be read"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] derived = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            if (!Arrays.equals(derived, seed)) {
                throw new IllegalStateException("this JDK's Ed25519 generator does not take the key from the random source");
            }
            return new KeyPair(pair.getPublic(), privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] into) {
            if (into.length != bytes.length) {
                throw new IllegalStateException("asked for " + into.length + " bytes, have " + bytes.length);
            }
            System.arraycopy(bytes, 0, into, 0, into.length);
        }
    }
}
