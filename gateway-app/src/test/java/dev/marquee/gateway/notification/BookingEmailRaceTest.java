package dev.marquee.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.marquee.contracts.sandbox.FreePorts;
import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.ticketing.TicketSigner;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Many email consumers take copies of one booking notice at the same moment (a notice published twice, a redelivery
 * racing the first delivery) and send through a real SMTP server: one email goes out, and {@code booking_emails} holds
 * one row for it, SENT. The control run takes the claim away and shows the race sends the email more than once.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingEmailRaceTest implements TestPropertyProvider {
    private static final int CONSUMERS = 16;

    private int port;
    private GreenMail smtp;

    @Inject
    BookingEmailHandler handler;
    @Inject
    BookingEmails emails;
    @Inject
    MailTransport transport;
    @Inject
    MailSettings settings;
    @Inject
    TicketSigner signer;
    @Inject
    JsonMapper json;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        port = FreePorts.pick();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return Map.of(
                "marquee.mail.transport", "smtp",
                "marquee.mail.host", "127.0.0.1",
                "marquee.mail.port", Integer.toString(port),
                "marquee.mail.from", "Marquee Tickets <tickets@marquee.test>");
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterAll
    void stop() {
        smtp.stop();
    }

    @Test
    void consumersRacingOnOneNoticeSendOneEmail() throws Exception {
        String bookingId = Notices.newBookingId();

        List<Handling> handled = race(handler, Notices.delivery(json, Notices.confirmed(signer, bookingId, "F12", "F13")));

        assertThat(handled).hasSize(CONSUMERS).doesNotHaveAnyElementsOfTypes(Handling.Rejected.class);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(emailRows(bookingId)).containsExactly("CONFIRMED SENT");
    }

    @Test
    void controlRunWithoutTheClaimSendsTheEmailMoreThanOnce() throws Exception {
        SentEmails unguarded = new SentEmails(transactions) {
            @Override
            public Claim claim(String bookingId, BookingNotice.Kind kind, String messageId, Instant now, Duration lease) {
                return new Claim.Claimed(UUID.randomUUID().toString());
            }
        };
        BookingEmailHandler withoutClaim = new BookingEmailHandler(json, emails, unguarded, transport, settings, Clock.systemUTC());

        race(withoutClaim, Notices.delivery(json, Notices.confirmed(signer, Notices.newBookingId(), "F12", "F13")));

        assertThat(smtp.getReceivedMessages()).hasSizeGreaterThan(1);
    }

    /** Every consumer handles its copy of the delivery at once. */
    private static List<Handling> race(BookingEmailHandler consumer, Delivery delivery) throws Exception {
        CyclicBarrier together = new CyclicBarrier(CONSUMERS);
        List<Future<Handling>> futures = new ArrayList<>();
        try (ExecutorService consumers = Executors.newFixedThreadPool(CONSUMERS)) {
            for (int i = 0; i < CONSUMERS; i++) {
                Delivery copy = new Delivery(delivery.messageId(), delivery.routingKey(), delivery.payload(), 1 + i % 2);
                futures.add(consumers.submit(() -> {
                    together.await();
                    return consumer.handle(copy);
                }));
            }
        }
        List<Handling> handled = new ArrayList<>();
        for (Future<Handling> f : futures) {
            handled.add(f.get());
        }
        return handled;
    }

    private List<String> emailRows(String bookingId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT kind, status FROM booking_emails WHERE booking_id = ?")) {
                select.setString(1, bookingId);
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2));
                    }
                }
                return rows;
            }
        });
    }

}
