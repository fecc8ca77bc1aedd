package dev.marquee.gateway.secrets;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals what the gateway must keep to give back later but must not keep in plain text: the bearer token in a hold's
 * kept answer and in a waitlist offer. AES-256-GCM with the server key and a fresh 96-bit nonce per value; the row
 * a value belongs to (its {@code context}) is bound in as associated data, so a sealed value copied into another row
 * does not open. Sealed values read {@code v1:<base64url(nonce, ciphertext and tag)>}.
 */
@Singleton
public class Sealing {
    private static final Logger LOG = LoggerFactory.getLogger(Sealing.class);
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Supplier<byte[]> keySource;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey key;

    @Inject
    Sealing(SecretsSettings settings, ServerKeyStore store) {
        this(() -> settings.keyBytes().orElseGet(() -> Base64.getDecoder().decode(store.storedOr(newKeyText()))));
    }

    private Sealing(Supplier<byte[]> keySource) {
        this.keySource = keySource;
    }

    /** Sealing with this key (32 bytes), for tests. */
    public static Sealing withKey(byte[] key) {
        byte[] copy = key.clone();
        return new Sealing(() -> copy);
    }

    private static String newKeyText() {
        byte[] bytes = new byte[SecretsSettings.KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code plain} sealed for the row named by {@code context}; null stays null. */
    public String seal(String plain, String context) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, context, plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /**
     * The plain text of a value sealed for {@code context}; null stays null. A value without the seal's prefix was
     * written before values were sealed and is read as it is: such rows (kept answers, offers) end within a day.
     *
     * @throws IllegalStateException when the value does not open: tampered, moved from another row, or sealed with
     *     another server key
     */
    public String open(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a sealed value of " + context + " is not base64", e);
        }
        if (in.length <= NONCE_BYTES) {
            throw new IllegalStateException("a sealed value of " + context + " is too short");
        }
        byte[] nonce = Arrays.copyOfRange(in, 0, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(in, NONCE_BYTES, in.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, context, sealed), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String context, byte[] input) {
        Objects.requireNonNull(context, "context");
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value of " + context + " does not open with the server key "
                    + "(was marquee.secrets.key changed, or the value altered?)", e);
        }
    }

    /**
     * Reads (or makes) the server key at startup, a statement of its own. Made on first use, it could be made inside a
     * hold's transaction, where the insert that instances starting together race for fails the whole transaction on
     * PostgreSQL. A database not reachable yet leaves it to the first use.
     */
    @EventListener
    void onStartup(StartupEvent event) {
        try {
            key();
        } catch (RuntimeException e) {
            LOG.warn("The server key could not be read at startup; it is read when first needed", e);
        }
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(keySource.get(), "AES");
                }
                current = key;
            }
        }
        return current;
    }
}
