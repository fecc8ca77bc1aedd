package dev.marquee.gateway.accounts;

import dev.marquee.gateway.notification.MailSettings;
import dev.marquee.gateway.notification.MailTransport;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account emails through the gateway's mail transport (SMTP, or files in the demo), sent while the request waits: the
 * customer is on the page that asked for the link. A failure is logged and the request still succeeds; the customer
 * asks for another link.
 */
@Singleton
class MailedLinks implements AccountMail {
    private static final Logger LOG = LoggerFactory.getLogger(MailedLinks.class);

    private final MailTransport transport;
    private final MailSettings mail;
    private final AccountSettings settings;
    private final Clock clock;

    MailedLinks(MailTransport transport, MailSettings mail, AccountSettings settings, Clock clock) {
        this.transport = transport;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void verification(String email, String token) {
        send(email, "Confirm your email for Marquee", "Welcome to Marquee.\n\nConfirm this email address for your account:\n\n"
                + link("verify-email", token) + "\n\nThe link works once, for " + hours(settings.verificationTtl())
                + ". If you did not sign up, ignore this email.\n");
    }

    @Override
    public void passwordReset(String email, String token) {
        send(email, "Reset your Marquee password", "Someone asked to reset the password of your Marquee account.\n\n"
                + "Choose a new password here:\n\n" + link("reset-password", token) + "\n\nThe link works once, for "
                + minutes(settings.resetTtl()) + ". If it was not you, ignore this email: your password stays as it is.\n");
    }

    @Override
    public void bookingClaim(String email, String bookingId, String token) {
        send(email, "Add booking " + bookingId + " to your Marquee account", "Someone signed in to a Marquee account asked "
                + "to add booking " + bookingId + ", made with this email address, to their account.\n\nIf it was you, "
                + "follow this link while signed in to that account:\n\n" + link("claim-booking", token)
                + "\n\nThe link works once, for " + hours(settings.claimTtl()) + ". If it was not you, ignore this email: "
                + "the booking stays as it is.\n");
    }

    private String link(String page, String token) {
        return settings.linkBase() + "/" + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private void send(String to, String subject, String text) {
        try {
            MimeMessage message = new MimeMessage(transport.session());
            message.setFrom(new InternetAddress(mail.from(), true));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
            message.setSentDate(Date.from(clock.instant()));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(text, StandardCharsets.UTF_8.name());
            transport.send(message);
            LOG.debug("Sent '{}' to {}", subject, EmailAddresses.masked(to));
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("Could not send '{}' to {}: {}", subject, EmailAddresses.masked(to), e.toString());
        }
    }

    private static String hours(Duration ttl) {
        return ttl.toHours() >= 1 ? ttl.toHours() + " hours" : minutes(ttl);
    }

    private static String minutes(Duration ttl) {
        return ttl.toMinutes() + " minutes";
    }
}
