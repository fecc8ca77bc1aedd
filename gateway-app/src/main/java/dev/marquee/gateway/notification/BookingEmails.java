package dev.marquee.gateway.notification;

import dev.marquee.gateway.ticketing.QrCodes;
import jakarta.activation.DataHandler;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes the email for a booking notice: for CONFIRMED an HTML email with each ticket's QR code inline
 * ({@code multipart/related}, {@code cid:} images) and a plain-text alternative; for REFUNDED and CANCELLED a
 * short note with the reason and the amount refunded.
 */
@Singleton
public class BookingEmails {
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);

    private final MailSettings settings;
    private final Clock clock;

    public BookingEmails(MailSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The one Message-ID of the email for a booking and kind, the same however often it is composed. */
    public String messageId(BookingNotice notice) {
        return "<booking-" + safe(notice.bookingId()) + "." + notice.kind().name().toLowerCase(Locale.ROOT) + "@"
                + settings.domain() + ">";
    }

    /**
     * The email, ready to send.
     *
     * @throws MessagingException when it cannot be made (such as an email address that does not parse)
     */
    public MimeMessage compose(BookingNotice notice, Session session) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, messageId(notice));
        message.setFrom(settings.sender());
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(notice.email(), true));
        message.setSentDate(Date.from(clock.instant()));
        String when = localTime(notice);
        switch (notice.kind()) {
            case CONFIRMED -> {
                message.setSubject("Your tickets: " + notice.movieTitle() + ", " + when, "UTF-8");
                message.setContent(confirmation(notice, when));
            }
            case REFUNDED -> {
                message.setSubject("Refunded: " + notice.movieTitle() + ", " + when, "UTF-8");
                message.setContent(alternative(endedText(notice, when, "has been refunded"),
                        html(endedHtml(notice, when, "has been refunded"))));
            }
            case CANCELLED -> {
                message.setSubject("Booking cancelled: " + notice.movieTitle() + ", " + when, "UTF-8");
                message.setContent(alternative(endedText(notice, when, "has been cancelled"),
                        html(endedHtml(notice, when, "has been cancelled"))));
            }
        }
        return message;
    }

    private MimeMultipart confirmation(BookingNotice notice, String when) throws MessagingException {
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(html(confirmationHtml(notice, when)));
        for (BookingNotice.NoticeTicket ticket : notice.tickets()) {
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(QrCodes.png(ticket.qrPayload()), "image/png")));
            image.setContentID("<" + contentId(ticket) + ">");
            image.setDisposition(MimeBodyPart.INLINE);
            image.setFileName("ticket-" + safe(ticket.seatLabel()) + ".png");
            related.addBodyPart(image);
        }
        MimeBodyPart relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);
        return alternative(confirmationText(notice, when), relatedPart);
    }

    private static MimeMultipart alternative(String text, MimeBodyPart rich) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, StandardCharsets.UTF_8.name());
        alternative.addBodyPart(plain);
        // The richest part comes last: mail clients show the last alternative they can.
        alternative.addBodyPart(rich);
        return alternative;
    }

    private static MimeBodyPart html(String html) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(html, StandardCharsets.UTF_8.name(), "html");
        return part;
    }

    private String confirmationText(BookingNotice notice, String when) {
        String seats = notice.tickets().stream().map(BookingNotice.NoticeTicket::seatLabel).collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder()
                .append("Your booking ").append(notice.bookingId()).append(" is confirmed.\n\n")
                .append(notice.movieTitle()).append('\n')
                .append(notice.cinemaName()).append(", ").append(notice.hallName()).append('\n')
                .append(when).append(" (local time)\n")
                .append("Seats: ").append(seats).append('\n')
                .append("Paid: ").append(money(notice)).append("\n\n")
                .append("Show each ticket's QR code at the door; each admits one person once. The QR codes are in the "
                        + "HTML version of this email, and in the app.\n\nTickets:\n");
        for (BookingNotice.NoticeTicket ticket : notice.tickets()) {
            text.append("  Seat ").append(ticket.seatLabel()).append(": ticket ").append(ticket.ticketId()).append('\n');
        }
        return text.toString();
    }

    private String confirmationHtml(BookingNotice notice, String when) {
        String seats = notice.tickets().stream().map(t -> escape(t.seatLabel())).collect(Collectors.joining(", "));
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<h1>").append(escape(notice.movieTitle())).append("</h1>")
                .append("<p>Your booking <b>").append(escape(notice.bookingId())).append("</b> is confirmed.</p>")
                .append("<table>")
                .append(row("Cinema", escape(notice.cinemaName())))
                .append(row("Hall", escape(notice.hallName())))
                .append(row("When", escape(when) + " (local time)"))
                .append(row("Seats", seats))
                .append(row("Paid", escape(money(notice))))
                .append("</table>")
                .append("<p>Show each ticket's QR code at the door; each admits one person once.</p>");
        for (BookingNotice.NoticeTicket ticket : notice.tickets()) {
            html.append("<div style=\"margin:16px 0\"><p><b>Seat ").append(escape(ticket.seatLabel())).append("</b></p>")
                    .append("<img src=\"cid:").append(contentId(ticket)).append("\" width=\"").append(QrCodes.SIZE)
                    .append("\" height=\"").append(QrCodes.SIZE).append("\" alt=\"QR code of the ticket for seat ")
                    .append(escape(ticket.seatLabel())).append("\"></div>");
        }
        return html.append("</body></html>").toString();
    }

    private static String endedText(BookingNotice notice, String when, String what) {
        StringBuilder text = new StringBuilder()
                .append("Your booking ").append(notice.bookingId()).append(' ').append(what).append(".\n\n")
                .append(notice.movieTitle()).append('\n')
                .append(notice.cinemaName()).append(", ").append(notice.hallName()).append('\n')
                .append(when).append(" (local time)\n\n");
        if (notice.reason() != null && !notice.reason().isBlank()) {
            text.append("Reason: ").append(notice.reason()).append('\n');
        }
        return text.append("Refunded: ").append(money(notice)).append(", to the card you paid with.\n")
                .append("Its tickets are no longer valid.\n").toString();
    }

    private static String endedHtml(BookingNotice notice, String when, String what) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<p>Your booking <b>").append(escape(notice.bookingId())).append("</b> ").append(what).append(".</p>")
                .append("<table>")
                .append(row("Movie", escape(notice.movieTitle())))
                .append(row("Cinema", escape(notice.cinemaName()) + ", " + escape(notice.hallName())))
                .append(row("When", escape(when) + " (local time)"));
        if (notice.reason() != null && !notice.reason().isBlank()) {
            html.append(row("Reason", escape(notice.reason())));
        }
        return html.append(row("Refunded", escape(money(notice)) + ", to the card you paid with"))
                .append("</table><p>Its tickets are no longer valid.</p></body></html>").toString();
    }

    private static String row(String label, String escapedValue) {
        return "<tr><th align=\"left\">" + label + "</th><td>" + escapedValue + "</td></tr>";
    }

    private static String localTime(BookingNotice notice) {
        return ZonedDateTime.ofInstant(notice.startsAt(), ZoneId.of(notice.timeZone())).format(LOCAL_TIME);
    }

    private static String money(BookingNotice notice) {
        return notice.amount() + " " + notice.currency();
    }

    private String contentId(BookingNotice.NoticeTicket ticket) {
        return "qr-" + safe(ticket.ticketId()) + "@" + settings.domain();
    }

    /** Only characters every header and file name takes. */
    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Keeps the Message-ID given, where a plain message makes a new random one each time it is saved. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
