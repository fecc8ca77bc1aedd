package dev.marquee.gateway.accounts;

import jakarta.inject.Singleton;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Passwords hashed with bcrypt by Spring Security's encoder (salted, of a cost {@code marquee.accounts.bcrypt-strength}),
 * rather than by hand: a well-kept implementation that also refuses what bcrypt would silently cut.
 */
@Singleton
class BcryptPasswords implements Passwords {
    private final BCryptPasswordEncoder encoder;

    BcryptPasswords(AccountSettings settings) {
        this.encoder = new BCryptPasswordEncoder(settings.bcryptStrength());
    }

    @Override
    public String hash(String password) {
        return encoder.encode(password);
    }

    @Override
    public boolean matches(String password, String hash) {
        try {
            return encoder.matches(password, hash);
        } catch (IllegalArgumentException tooLong) {
            return false; // longer than bcrypt reads: no password we set is
        }
    }
}
