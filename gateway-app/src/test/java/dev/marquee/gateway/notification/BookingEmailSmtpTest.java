package dev.marquee.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.marquee.contracts.sandbox.FreePorts;
import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.testing.QrImages;
import dev.marquee.gateway.ticketing.TicketFixtures;
import dev.marquee.gateway.ticketing.TicketSigner;
import dev.marquee.gateway.ticketing.TicketVerification;
import dev.marquee.gateway.web.TestClock;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Booking emails through a real SMTP server (GreenMail on a free port). */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingEmailSmtpTest implements TestPropertyProvider {
    private int port;
    private GreenMail smtp;

    @Inject
    BookingEmailHandler handler;
    @Inject
    TicketSigner signer;
    @Inject
    JsonMapper json;
    @Inject
    TicketFixtures tables;
    @Inject
    SentEmails sentEmails;
    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        port = FreePorts.pick();
        smtp = startSmtp();
        return Map.of(
                "marquee.test.clock", "fixed",
                "marquee.mail.transport", "smtp",
                "marquee.mail.host", "127.0.0.1",
                "marquee.mail.port", Integer.toString(port),
                "marquee.mail.from", "Marquee Tickets <tickets@marquee.test>",
                "marquee.mail.timeout", "3s",
                "marquee.mail.retry-after", "20s");
    }

    @BeforeEach
    void start() throws Exception {
        if (smtp == null) {
            smtp = startSmtp();
        }
        smtp.purgeEmailFromAllMailboxes();
        tables.clear();
        clock.set(Instant.now());
    }

    @AfterAll
    void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void jakartaMailFindsItsStreamProviderByNameInsteadOfScanningTheClassPathForEveryPart() {
        // Set once the mail transport is made: the handler's emails went through it above.
        assertThat(System.getProperty(jakarta.mail.util.StreamProvider.class.getName()))
                .isEqualTo(org.eclipse.angus.mail.util.MailStreamProvider.class.getName());
        assertThat(jakarta.mail.util.StreamProvider.provider()).isInstanceOf(org.eclipse.angus.mail.util.MailStreamProvider.class);
    }

    @Test
    void aConfirmationIsOneHtmlEmailWithEveryTicketsQrCodeInlineAndAPlainTextAlternative() throws Exception {
        BookingNotice notice = Notices.confirmed(signer, Notices.newBookingId(), "F12", "F13");

        Handling handling = handler.handle(Notices.delivery(json, notice));

        assertThat(handling).isEqualTo(Handling.done());
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage email = received[0];
        assertThat(email.getAllRecipients()).extracting(Object::toString).containsExactly("ada@example.org");
        assertThat(email.getSubject()).contains("Interstellar & <Friends>").contains("Saturday 21 November 2026, 19:30");
        MailParts parts = MailParts.of(email);
        assertThat(parts.types).containsSubsequence("multipart/alternative", "text/plain", "multipart/related", "text/html",
                "image/png", "image/png");
        assertThat(parts.html).contains("Interstellar &amp; &lt;Friends&gt;", "Aurora Leith", "Screen 3", "F12", "F13",
                "23.00 GBP", "Saturday 21 November 2026, 19:30");
        assertThat(parts.text).contains("Interstellar & <Friends>", "Aurora Leith", "Screen 3", "Seats: F12, F13", "23.00 GBP",
                "19:30");
        assertThat(parts.images).hasSize(2);
        for (Map.Entry<String, byte[]> image : parts.images.entrySet()) {
            assertThat(parts.html).contains("src=\"cid:" + image.getKey() + "\"");
            assertThat(signer.verify(QrImages.decode(image.getValue()))).isInstanceOf(TicketVerification.Genuine.class);
        }
        assertThat(parts.images.values().stream().map(QrImages::decode).toList())
                .containsExactlyInAnyOrderElementsOf(notice.tickets().stream().map(BookingNotice.NoticeTicket::qrPayload).toList());
    }

    @Test
    void theMessageIdIsTheSameForEveryAttemptOfOneBookingAndKind() throws Exception {
        String bookingId = Notices.newBookingId();
        handler.handle(Notices.delivery(json, Notices.confirmed(signer, bookingId, "A1")));
        handler.handle(Notices.delivery(json, Notices.ended(BookingNotice.Kind.REFUNDED, bookingId, "show cancelled")));

        MimeMessage[] received = smtp.getReceivedMessages();

        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).isEqualTo("<booking-" + bookingId + ".confirmed@marquee.test>");
        assertThat(received[1].getMessageID()).isEqualTo("<booking-" + bookingId + ".refunded@marquee.test>");
    }

    @Test
    void theSameNoticeDeliveredTwiceSendsOneEmail() {
        Delivery delivery = Notices.delivery(json, Notices.confirmed(signer, Notices.newBookingId(), "F12"));
        Delivery redelivered = new Delivery(delivery.messageId(), delivery.routingKey(), delivery.payload(), 2);
        Delivery republished = Notices.delivery(delivery.routingKey(), delivery.payload());

        assertThat(handler.handle(delivery)).isEqualTo(Handling.done());
        assertThat(handler.handle(redelivered)).isEqualTo(Handling.done());
        assertThat(handler.handle(republished)).isEqualTo(Handling.done());

        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void whileTheMailServerIsDownTheNoticeWaitsAndIsSentOnceWhenItIsBack() {
        Delivery delivery = Notices.delivery(json, Notices.confirmed(signer, Notices.newBookingId(), "F12"));
        smtp.stop();
        smtp = null;

        Handling whileDown = handler.handle(delivery);
        Handling again = handler.handle(delivery);

        assertThat(whileDown).isInstanceOf(Handling.RetryLater.class);
        assertThat(((Handling.RetryLater) whileDown).after()).isEqualTo(Duration.ofSeconds(20));
        assertThat(again).isInstanceOf(Handling.RetryLater.class);
        smtp = startSmtp();
        assertThat(handler.handle(delivery)).isEqualTo(Handling.done());
        assertThat(handler.handle(delivery)).isEqualTo(Handling.done());
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRefundSaysWhyAndHowMuchWasRefunded() throws Exception {
        BookingNotice notice = Notices.ended(BookingNotice.Kind.REFUNDED, Notices.newBookingId(), "The screening was cancelled by the cinema");

        assertThat(handler.handle(Notices.delivery(json, notice))).isEqualTo(Handling.done());

        MimeMessage email = smtp.getReceivedMessages()[0];
        assertThat(email.getSubject()).startsWith("Refunded: Interstellar");
        MailParts parts = MailParts.of(email);
        assertThat(parts.text).contains("has been refunded", "The screening was cancelled by the cinema", "Refunded: 23.00 GBP");
        assertThat(parts.html).contains("The screening was cancelled by the cinema", "23.00 GBP");
        assertThat(parts.images).isEmpty();
    }

    @Test
    void aCancellationSaysWhyAndHowMuchWasRefunded() throws Exception {
        BookingNotice notice = Notices.ended(BookingNotice.Kind.CANCELLED, Notices.newBookingId(), "The chain could not confirm the seats");

        assertThat(handler.handle(Notices.delivery(json, notice))).isEqualTo(Handling.done());

        MimeMessage email = smtp.getReceivedMessages()[0];
        assertThat(email.getSubject()).startsWith("Booking cancelled: Interstellar");
        assertThat(MailParts.of(email).text).contains("has been cancelled", "The chain could not confirm the seats",
                "Refunded: 23.00 GBP");
    }

    @Test
    void aConfirmationAndARefundOfOneBookingAreTwoEmails() {
        String bookingId = Notices.newBookingId();

        handler.handle(Notices.delivery(json, Notices.confirmed(signer, bookingId, "F12")));
        handler.handle(Notices.delivery(json, Notices.ended(BookingNotice.Kind.REFUNDED, bookingId, null)));

        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void aPayloadThatCanNeverBecomeAnEmailIsRejectedAndSendsNothing() {
        String confirmed = Notices.json(json, Notices.confirmed(signer, Notices.newBookingId(), "F12"));
        List<Delivery> bad = List.of(
                Notices.delivery("booking.confirmed", "not json"),
                Notices.delivery("booking.confirmed", "{\"bookingId\":\"bkg_1\"}"),
                Notices.delivery("booking.refunded", confirmed),
                Notices.delivery("booking.confirmed", confirmed.replace("\"tickets\":[", "\"tickets\":[],\"x\":[")),
                Notices.delivery("booking.confirmed", confirmed.replace("Europe/London", "Europe/Atlantis")),
                Notices.delivery("booking.confirmed", confirmed.replace("ada@example.org", "ada at example")));

        for (Delivery delivery : bad) {
            assertThat(handler.handle(delivery)).as(delivery.payload()).isInstanceOf(Handling.Rejected.class);
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void whileAnotherConsumerIsSendingTheNoticeWaitsAndAfterThatConsumerDiedItIsSentOnce() {
        BookingNotice notice = Notices.confirmed(signer, Notices.newBookingId(), "F12");
        assertThat(sentEmails.claim(notice.bookingId(), notice.kind(), "<x@y>", clock.instant(), Duration.ofMinutes(5)))
                .isInstanceOf(SentEmails.Claim.Claimed.class);

        assertThat(handler.handle(Notices.delivery(json, notice))).isInstanceOf(Handling.RetryLater.class);
        assertThat(smtp.getReceivedMessages()).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        assertThat(handler.handle(Notices.delivery(json, notice))).isEqualTo(Handling.done());
        assertThat(handler.handle(Notices.delivery(json, notice))).isEqualTo(Handling.done());
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void itTakesTheThreeBookingRoutingKeysOnItsOwnQueue() {
        assertThat(handler.queue()).isEqualTo("booking-email");
        assertThat(handler.routingKeys()).containsExactly("booking.confirmed", "booking.refunded", "booking.cancelled");
    }

    private GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

}
