package dev.marquee.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.testing.Broker;
import dev.marquee.gateway.testing.Eventually;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The relay may publish only over a connection whose queues are declared; else messages route nowhere. */
class BrokerConnectionTest {

    @Test
    void theConnectionIsOfferedOnlyAfterTheQueuesAreDeclared() throws Exception {
        CountDownLatch declaring = new CountDownLatch(1);
        CountDownLatch declared = new CountDownLatch(1);
        try (BrokerConnection broker = new BrokerConnection(URI.create(Broker.URI), 1, connection -> {
            declaring.countDown();
            await(declared);
        })) {
            assertThat(declaring.await(20, TimeUnit.SECONDS)).as("connected and declaring").isTrue();
            Thread.sleep(300);
            assertThat(broker.current()).as("offered while still declaring").isEmpty();
            assertThat(broker.isOpen()).isFalse();

            declared.countDown();
            Eventually.await("offered", Duration.ofSeconds(10), broker::isOpen, open -> open);
            assertThat(broker.current()).isPresent();
        }
    }

    @Test
    void aConnectionWhoseDeclarationFailedIsDroppedAndAnotherOneIsTried() {
        int[] tries = {0};
        try (BrokerConnection broker = new BrokerConnection(URI.create(Broker.URI), 1, connection -> {
            if (++tries[0] == 1) {
                throw new IllegalStateException("the first declaration fails");
            }
        })) {
            Eventually.await("connected on the second try", Duration.ofSeconds(20), broker::isOpen, open -> open);
            assertThat(tries[0]).isEqualTo(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
