package dev.marquee.gateway.notification;

import dev.marquee.gateway.testing.QrImages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.ticketing.TicketFixtures;
import dev.marquee.gateway.ticketing.TicketSigner;
import dev.marquee.gateway.ticketing.TicketVerification;
import dev.marquee.gateway.web.TestClock;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The embedded default: booking emails written as .eml files instead of sent. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileMailTransportTest implements TestPropertyProvider {
    private Path folder;

    @Inject
    BookingEmailHandler handler;
    @Inject
    TicketSigner signer;
    @Inject
    JsonMapper json;
    @Inject
    TicketFixtures tables;
    @Inject
    TestClock clock;
    @Inject
    BookingEmails emails;
    @Inject
    MailTransport transport;

    @Override
    public Map<String, String> getProperties() {
        try {
            folder = Files.createTempDirectory("marquee-mail-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // No marquee.mail.transport: files is the default.
        return Map.of("marquee.mail.folder", folder.toString(), "marquee.test.clock", "fixed");
    }

    @BeforeEach
    void start() throws IOException {
        for (Path written : leftovers()) {
            Files.delete(written);
        }
        tables.clear();
        clock.set(Instant.parse("2026-03-10T12:00:00.250Z"));
    }

    @Test
    void aConfirmationIsWrittenAsAnEmlFileAMailClientOpens() throws Exception {
        BookingNotice notice = Notices.confirmed(signer, Notices.newBookingId(), "F12");

        assertThat(handler.handle(Notices.delivery(json, notice))).isEqualTo(Handling.done());

        Path file = folder.resolve("20260310T120000.250Z-booking-" + notice.bookingId() + ".confirmed@marquee.local.eml");
        assertThat(file).exists();
        MimeMessage email;
        try (InputStream in = Files.newInputStream(file)) {
            email = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(email.getMessageID()).isEqualTo("<booking-" + notice.bookingId() + ".confirmed@marquee.local>");
        assertThat(email.getSubject()).startsWith("Your tickets: Interstellar");
        MailParts parts = MailParts.of(email);
        assertThat(parts.html).contains("Aurora Leith", "F12");
        assertThat(parts.images).hasSize(1);
        assertThat(signer.verify(QrImages.decode(parts.images.values().iterator().next())))
                .isInstanceOf(TicketVerification.Genuine.class);
        assertThat(leftovers()).containsExactly(file);
    }

    @Test
    void aRedeliveredNoticeWritesNothingMore() throws Exception {
        var delivery = Notices.delivery(json, Notices.ended(BookingNotice.Kind.CANCELLED, Notices.newBookingId(), "no seats"));
        handler.handle(delivery);
        Path file;
        try (Stream<Path> files = Files.list(folder)) {
            file = files.filter(f -> f.toString().contains(".cancelled@")).findFirst().orElseThrow();
        }
        Files.delete(file);

        assertThat(handler.handle(delivery)).isEqualTo(Handling.done());

        assertThat(file).doesNotExist();
    }

    @Test
    void anEmailSentTwiceIsWrittenTwiceSoTheDuplicateShows() throws Exception {
        BookingNotice notice = Notices.ended(BookingNotice.Kind.REFUNDED, Notices.newBookingId(), "seats taken");
        String written = "20260310T120000.250Z-booking-" + notice.bookingId() + ".refunded@marquee.local";

        transport.send(emails.compose(notice, transport.session()));
        transport.send(emails.compose(notice, transport.session()));
        clock.advance(Duration.ofSeconds(90));
        transport.send(emails.compose(notice, transport.session()));

        assertThat(leftovers()).containsExactlyInAnyOrder(folder.resolve(written + ".eml"), folder.resolve(written + "-2.eml"),
                folder.resolve("20260310T120130.250Z-booking-" + notice.bookingId() + ".refunded@marquee.local.eml"));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
