package dev.marquee.gateway.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends through an SMTP server with Angus Mail. */
final class SmtpMailTransport implements MailTransport {
    private final MailSettings settings;
    private final Session session;

    SmtpMailTransport(MailSettings settings) {
        this.settings = settings;
        Properties properties = new Properties();
        String millis = Long.toString(settings.timeout().toMillis());
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", Integer.toString(settings.port()));
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
        properties.put("mail.smtp.starttls.enable", settings.starttls().toString());
        properties.put("mail.smtp.starttls.required", settings.starttls().toString());
        this.session = Session.getInstance(properties);
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        if (settings.username() != null) {
            Transport.send(message, settings.username(), settings.password() == null ? "" : settings.password());
        } else {
            Transport.send(message);
        }
    }
}
