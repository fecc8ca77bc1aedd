package dev.marquee.booking.holds;

import java.util.regex.Pattern;

/** What the gateway accepts as an email address: one {@code @}, a dotted domain, no spaces, at most 254 characters. */
public final class EmailAddresses {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private EmailAddresses() {
    }

    public static boolean isValid(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email.trim()).matches();
    }
}
