package dev.marquee.gateway.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Where composed emails go: an SMTP server, or files. */
public interface MailTransport extends AutoCloseable {

    /** The session messages for this transport are made in. */
    Session session();

    /**
     * Hands a message over; returns once it is accepted.
     *
     * @throws MessagingException when it was not accepted (server down, refused)
     */
    void send(MimeMessage message) throws MessagingException;

    /** Lets go of connections kept open; called once, when the gateway stops. */
    @Override
    default void close() {
    }
}
