package dev.marquee.booking.tokens;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Where new ids and bearer tokens come from; tests put a predictable source in its place. */
public interface Secrets {

    /** A new unique id with a prefix naming its kind, such as {@code hld_…} or {@code bkg_…}. */
    String newId(String prefix);

    /** A new unguessable bearer token (256 random bits). */
    String newToken();

    /** Random ids and tokens from {@link SecureRandom}. */
    static Secrets random() {
        return Random.INSTANCE;
    }

    /** The production source. */
    final class Random implements Secrets {
        private static final Random INSTANCE = new Random();
        private final SecureRandom random = new SecureRandom();

        private Random() {
        }

        @Override
        public String newId(String prefix) {
            return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        }

        @Override
        public String newToken() {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
