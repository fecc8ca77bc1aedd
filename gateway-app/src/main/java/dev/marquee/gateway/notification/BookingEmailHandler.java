package dev.marquee.gateway.notification;

import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.messaging.MessageHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the email of each booking notice once: {@code booking.confirmed} (the tickets), {@code booking.refunded}
 * and {@code booking.cancelled}, whose payload is a {@link BookingNotice} as JSON.
 *
 * <p>An email is claimed before it is sent and marked sent once the SMTP server accepted it, so a redelivered
 * notice sends nothing. When the server is down or answers 4xx, nothing is recorded and the message is tried
 * again later. A payload that can never make an email (not a notice, a kind that is not its routing key's, an
 * address that does not parse, a recipient the server refuses for good) is rejected.
 *
 * <p>Should a consumer die after the server accepted an email but before it was marked sent, the email goes
 * out again once the claim lapses ({@code marquee.mail.claim-lease}); its Message-ID is the same, so mail clients
 * can tell it is a copy.
 */
@Singleton
public class BookingEmailHandler implements MessageHandler {
    public static final String QUEUE = "booking-email";
    private static final Logger LOG = LoggerFactory.getLogger(BookingEmailHandler.class);
    private static final Duration BUSY_RETRY_AT_LEAST = Duration.ofSeconds(1);

    private final JsonMapper json;
    private final BookingEmails emails;
    private final SentEmails sent;
    private final MailTransport transport;
    private final MailSettings settings;
    private final Clock clock;

    public BookingEmailHandler(JsonMapper json, BookingEmails emails, SentEmails sent, MailTransport transport,
            MailSettings settings, Clock clock) {
        this.json = json;
        this.emails = emails;
        this.sent = sent;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public List<String> routingKeys() {
        return Arrays.stream(BookingNotice.Kind.values()).map(BookingNotice.Kind::routingKey).toList();
    }

    @Override
    public Handling handle(Delivery delivery) {
        BookingNotice notice;
        try {
            notice = json.readValue(delivery.payload(), BookingNotice.class);
        } catch (Exception e) {
            return reject(delivery, "the payload is not a booking notice: " + e.getMessage());
        }
        if (!notice.kind().routingKey().equals(delivery.routingKey())) {
            return reject(delivery, "a " + notice.kind() + " notice came as " + delivery.routingKey());
        }
        MimeMessage message;
        try {
            message = emails.compose(notice, transport.session());
        } catch (MessagingException | IllegalArgumentException e) {
            return reject(delivery, "no email can be made of the " + notice.kind() + " notice of booking "
                    + notice.bookingId() + ": " + e.getMessage());
        }
        Instant now = clock.instant();
        return switch (sent.claim(notice.bookingId(), notice.kind(), emails.messageId(notice), now, settings.claimLease())) {
            case SentEmails.Claim.AlreadySent already -> {
                LOG.debug("The {} email of booking {} went out at {}; not again", notice.kind(), notice.bookingId(), already.sentAt());
                yield Handling.done();
            }
            // Looked at again when the claim lapses: by then it was sent, or its consumer died and this one takes over.
            case SentEmails.Claim.Busy busy -> new Handling.RetryLater(untilLapsed(now, busy.until()), "the " + notice.kind()
                    + " email of booking " + notice.bookingId() + " is being sent by another consumer until " + busy.until());
            case SentEmails.Claim.Claimed claimed -> send(notice, message, claimed.token());
        };
    }

    private static Duration untilLapsed(Instant now, Instant until) {
        Duration left = Duration.between(now, until);
        return left.compareTo(BUSY_RETRY_AT_LEAST) < 0 ? BUSY_RETRY_AT_LEAST : left;
    }

    private Handling send(BookingNotice notice, MimeMessage message, String token) {
        try {
            transport.send(message);
        } catch (MessagingException e) {
            sent.release(notice.bookingId(), notice.kind(), token);
            return failed(notice, e);
        } catch (RuntimeException e) {
            sent.release(notice.bookingId(), notice.kind(), token);
            throw e;
        }
        sent.markSent(notice.bookingId(), notice.kind(), token, clock.instant());
        LOG.info("Sent the {} email of booking {}", notice.kind(), notice.bookingId());
        return Handling.done();
    }

    private Handling failed(BookingNotice notice, MessagingException e) {
        String what = "the " + notice.kind() + " email of booking " + notice.bookingId();
        int code = smtpReturnCode(e);
        if (code >= 500 && code < 600) {
            LOG.warn("The mail server refused {} for good ({}): {}", what, code, e.getMessage());
            return new Handling.Rejected("the mail server refused " + what + " with " + code + ": " + e.getMessage());
        }
        LOG.warn("Could not send {}, will try again in {}: {}", what, settings.retryAfter(), e.toString());
        return new Handling.RetryLater(settings.retryAfter(), "could not send " + what + ": " + e);
    }

    /** The SMTP reply code of a refused recipient or message, or 0 when the server gave none (down, timed out). */
    private static int smtpReturnCode(MessagingException e) {
        for (Exception next = e; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (next instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
        }
        return 0;
    }

    private static Handling reject(Delivery delivery, String reason) {
        LOG.warn("Rejected message {} ({}): {}", delivery.messageId(), delivery.routingKey(), reason);
        return new Handling.Rejected(reason);
    }
}
