package dev.marquee.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** marquee.mail: defaults for the embedded gateway, bad values named at startup, the password never printed. */
class MailSettingsTest {

    @Test
    void theDefaultsWriteFilesNeedingNoServer() {
        MailSettings defaults = new MailSettings(null, null, null, null, null, null, null, null, null, null, null);

        assertThat(defaults.transport()).isEqualTo("files");
        assertThat(defaults.folder()).isEqualTo("var/mail");
        assertThat(defaults.domain()).isEqualTo("marquee.local");
        assertThat(defaults.port()).isEqualTo(25);
        assertThat(defaults.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.claimLease()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theDefaultClaimLeaseOutlastsTwoSendsOfALongTimeout() {
        MailSettings slow = new MailSettings(null, null, null, null, null, null, null, null, Duration.ofSeconds(30), null, null);

        assertThat(slow.claimLease()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aClaimLeaseNoLongerThanOneSendStopsStartupNamingTheSetting() {
        assertThatThrownBy(() -> new MailSettings(null, null, null, null, null, null, null, null, Duration.ofSeconds(10), null,
                Duration.ofSeconds(30)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.mail.claim-lease")
                .hasMessageContaining("PT30S");
    }

    @Test
    void anUnknownTransportStopsStartupNamingTheSetting() {
        assertThatThrownBy(() -> new MailSettings("pigeon", null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.mail.transport")
                .hasMessageContaining("pigeon");
    }

    @Test
    void aSenderThatIsNotAnAddressStopsStartup() {
        assertThatThrownBy(() -> new MailSettings(null, null, "tickets at marquee", null, null, null, null, null, null, null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.mail.from");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        MailSettings smtp = new MailSettings("smtp", null, null, "smtp.example.org", 587, "marquee", "s3cret-pass", true, null, null, null);

        assertThat(smtp.toString()).doesNotContain("s3cret-pass").contains("smtp.example.org");
    }
}
