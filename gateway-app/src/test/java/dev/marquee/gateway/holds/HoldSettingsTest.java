package dev.marquee.gateway.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HoldSettingsTest {

    private static HoldSettings withTtlAndLease(Duration ttl, Duration lease) {
        return new HoldSettings(ttl, null, null, null, null, null, lease);
    }

    @Test
    void theIdempotencyLeaseIsThirtySecondsByDefault() {
        assertThat(HoldSettings.defaults().idempotencyRules().lease()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theIdempotencyLeaseIsConfigurable() {
        assertThat(withTtlAndLease(null, Duration.ofSeconds(45)).idempotencyRules().lease()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aLeaseNotShorterThanTheHoldTtlIsRefusedAtStartupNamingBothKeys() {
        assertThatThrownBy(() -> withTtlAndLease(Duration.ofMinutes(2), Duration.ofMinutes(2)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.holds.idempotency-lease").hasMessageContaining("marquee.holds.ttl")
                .hasMessageContaining("PT2M");
    }

    @Test
    void aLeaseThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> withTtlAndLease(null, Duration.ZERO)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.holds.idempotency-lease");
    }
}
