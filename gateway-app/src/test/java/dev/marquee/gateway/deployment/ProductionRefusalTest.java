package dev.marquee.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.GatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway as an operator starts it: on the defaults and without demo mode, it exits naming every demo setting. */
class ProductionRefusalTest {

    @Test
    void outsideDemoModeTheGatewayOnItsDefaultsExitsNamingEachDemoSetting() throws Exception {
        int port = BookingJourney.freePort();
        Path log = Path.of("target", "production-refusal.log").toAbsolutePath();

        assertThatThrownBy(() -> GatewayProcess.start(port, Map.of(GatewayProcess.DEMO, "false",
                "marquee.messaging.embedded-port", Integer.toString(BookingJourney.freePort())), Map.of(), "production-refusal").close())
                .hasMessageContaining("exited");

        assertThat(Files.readString(log))
                .contains("refuses to start outside demo mode")
                .contains("marquee.payments.webhook-secret (MARQUEE_PAYMENTS_WEBHOOK_SECRET)")
                .contains("datasources.default.url (MARQUEE_DB_URL)")
                .contains("marquee.messaging.broker (MARQUEE_BROKER)")
                .contains("marquee.mail.transport (MARQUEE_MAIL_TRANSPORT)")
                .contains("MARQUEE_DEMO=true");
    }
}
