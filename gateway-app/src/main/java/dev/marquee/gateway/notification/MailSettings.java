package dev.marquee.gateway.notification;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;

/**
 * Booking email, from {@code marquee.mail.*}.
 *
 * @param transport {@code files} (default: each email written as an .eml file to {@code folder}) or {@code smtp}
 * @param folder where {@code files} writes, default {@code var/mail}
 * @param from the sender, default {@code Marquee Tickets <tickets@marquee.local>}; its domain ends Message-IDs
 * @param host SMTP server, default {@code localhost}
 * @param port SMTP port, default 25
 * @param username SMTP login; none when blank
 * @param password SMTP password
 * @param starttls whether to require STARTTLS, default false
 * @param timeout for connecting to, reading from and writing to the SMTP server, default 10 s
 * @param retryAfter how long a message waits before another try when the SMTP server fails, default 1 min
 * @param claimLease how long an email being sent stays claimed by its consumer; a consumer that died while sending
 *     leaves the claim, and the email waits this long before another consumer sends it. It must be longer than one
 *     send may take, up to three {@code timeout}s (connecting, writing and reading); default twice that, at least
 *     1 min
 */
@ConfigurationProperties("marquee.mail")
public record MailSettings(
        @Nullable String transport,
        @Nullable String folder,
        @Nullable String from,
        @Nullable String host,
        @Nullable Integer port,
        @Nullable String username,
        @Nullable String password,
        @Nullable Boolean starttls,
        @Nullable Duration timeout,
        @Nullable Duration retryAfter,
        @Nullable Duration claimLease) {

    public static final String FILES = "files";
    public static final String SMTP = "smtp";

    public MailSettings {
        transport = blankToNull(transport) == null ? FILES : transport.strip().toLowerCase(java.util.Locale.ROOT);
        folder = blankToNull(folder) == null ? "var/mail" : folder;
        from = blankToNull(from) == null ? "Marquee Tickets <tickets@marquee.local>" : from;
        host = blankToNull(host) == null ? "localhost" : host;
        port = port == null ? 25 : port;
        username = blankToNull(username);
        starttls = starttls != null && starttls;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        retryAfter = retryAfter == null ? Duration.ofMinutes(1) : retryAfter;
        Duration longestSend = timeout.multipliedBy(3);
        claimLease = claimLease != null ? claimLease : max(Duration.ofMinutes(1), longestSend.multipliedBy(2));
        if (!transport.equals(FILES) && !transport.equals(SMTP)) {
            throw new ConfigurationException("marquee.mail.transport must be 'files' or 'smtp', got '" + transport + "'");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("marquee.mail.port must be 1 to 65535, got " + port);
        }
        positive(timeout, "timeout");
        positive(retryAfter, "retry-after");
        if (claimLease.compareTo(longestSend) <= 0) {
            throw new ConfigurationException("marquee.mail.claim-lease must be longer than one send may take (three times "
                    + "marquee.mail.timeout, " + longestSend + "), got " + claimLease);
        }
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new ConfigurationException("marquee.mail.from must be an email address, got '" + from + "': " + e.getMessage());
        }
    }

    /** The sender. */
    InternetAddress sender() {
        try {
            return new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part after the {@code @} of the sender, for Message-IDs and Content-IDs. */
    String domain() {
        String address = sender().getAddress();
        return address.substring(address.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        // Never print the password.
        return "MailSettings[transport=" + transport + ", folder=" + folder + ", from=" + from + ", host=" + host + ", port="
                + port + ", username=" + username + ", password=" + (password == null || password.isEmpty() ? "" : "****")
                + ", starttls=" + starttls + ", timeout=" + timeout + ", retryAfter=" + retryAfter + ", claimLease=" + claimLease + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException("marquee.mail." + key + " must be positive, got " + value);
        }
    }
}
