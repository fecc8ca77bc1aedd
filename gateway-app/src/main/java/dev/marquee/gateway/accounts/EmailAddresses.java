package dev.marquee.gateway.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Email addresses as accounts keep them: trimmed, lower case, one {@code @}, a dotted domain, at most 320 characters. */
public final class EmailAddresses {
    private static final int MAX_LENGTH = 320;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private EmailAddresses() {
    }

    /** The address as kept, or empty when it is not one. */
    public static Optional<String> normalised(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String trimmed = email.strip().toLowerCase(Locale.ROOT);
        return trimmed.length() <= MAX_LENGTH && SHAPE.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }

    /** The address with most of its local part hidden, for logs: {@code a***@example.org}. */
    public static String masked(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
