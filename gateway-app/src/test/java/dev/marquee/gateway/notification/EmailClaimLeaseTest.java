package dev.marquee.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.gateway.messaging.Delivery;
import dev.marquee.gateway.messaging.Handling;
import dev.marquee.gateway.web.TestClock;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An email whose consumer died while sending it is sent by another once the claim lapses, after the default lease. */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailClaimLeaseTest implements TestPropertyProvider {
    private final DyingTransport transport = new DyingTransport();

    @Inject
    BookingEmailHandler handler;
    @Inject
    JsonMapper json;
    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        // No claim-lease: the default, with the default timeout of 10 s.
        return Map.of("marquee.test.clock", "fixed");
    }

    @MockBean(MailTransport.class)
    MailTransport transport() {
        return transport;
    }

    @Test
    void aClaimLeftByAConsumerThatDiedWhileSendingIsTakenOverAfterAMinute() {
        Delivery delivery = Notices.delivery(json, Notices.ended(BookingNotice.Kind.REFUNDED, Notices.newBookingId(), "seats taken"));
        transport.dieOnNextSend();
        assertThatThrownBy(() -> handler.handle(delivery)).isInstanceOf(ConsumerDied.class);

        clock.advance(Duration.ofSeconds(59));
        assertThat(handler.handle(delivery)).as("looked at again when the claim lapses")
                .isInstanceOfSatisfying(Handling.RetryLater.class, retry -> assertThat(retry.after()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(transport.sent).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(handler.handle(delivery)).isEqualTo(Handling.done());
        assertThat(handler.handle(delivery)).isEqualTo(Handling.done());
        assertThat(transport.sent).hasSize(1);
    }

    /** The consumer's process ends in the middle of a send: nothing after it runs, its claim stays. */
    private static final class ConsumerDied extends Error {
        ConsumerDied() {
            super("killed while sending");
        }
    }

    /** Records the emails it is given, and can be made to die while sending the next. */
    private static final class DyingTransport implements MailTransport {
        private final Session session = Session.getInstance(new Properties());
        private final List<MimeMessage> sent = new CopyOnWriteArrayList<>();
        private volatile boolean dieNext;

        void dieOnNextSend() {
            dieNext = true;
        }

        @Override
        public Session session() {
            return session;
        }

        @Override
        public void send(MimeMessage message) throws MessagingException {
            if (dieNext) {
                dieNext = false;
                throw new ConsumerDied();
            }
            sent.add(message);
        }
    }
}
