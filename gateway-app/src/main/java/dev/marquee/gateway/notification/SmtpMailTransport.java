package dev.marquee.gateway.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through an SMTP server with Angus Mail, over connections kept open between emails: connecting, greeting and
 * quitting for every email cost three round trips and a TCP handshake each. A connection is taken by one sender at
 * a time and checked with a NOOP before it is used again; one that failed is closed, never given back. At most as
 * many connections are open as emails were being sent at once.
 */
final class SmtpMailTransport implements MailTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailTransport.class);

    private final MailSettings settings;
    private final Session session;
    private final ConcurrentLinkedDeque<Transport> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

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
        Transport transport = take();
        try {
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            // The server's state on this connection is unknown: a fresh one for the next email.
            quietlyClose(transport);
            throw e;
        }
        giveBack(transport);
    }

    /** An open connection: one kept from an earlier email that still answers, or a new one. */
    private Transport take() throws MessagingException {
        for (Transport kept = idle.pollFirst(); kept != null; kept = idle.pollFirst()) {
            if (kept.isConnected()) { // a NOOP: the server may have dropped an idle connection
                return kept;
            }
            quietlyClose(kept);
        }
        Transport fresh = session.getTransport("smtp");
        if (settings.username() != null) {
            fresh.connect(settings.host(), settings.port(), settings.username(),
                    settings.password() == null ? "" : settings.password());
        } else {
            fresh.connect();
        }
        return fresh;
    }

    private void giveBack(Transport transport) {
        idle.addFirst(transport); // the most recently used first, so that spare ones age and get dropped by the server
        if (closed) {
            closeIdle();
        }
    }

    private void closeIdle() {
        for (Transport t = idle.pollFirst(); t != null; t = idle.pollFirst()) {
            quietlyClose(t);
        }
    }

    private static void quietlyClose(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("Closing an SMTP connection: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }
}
