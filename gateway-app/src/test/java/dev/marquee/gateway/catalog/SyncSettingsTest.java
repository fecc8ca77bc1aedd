package dev.marquee.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncSettingsTest {

    @Test
    void aChainsLeaseLastsTheConfiguredDurationButAtMostHalfItsInterval() {
        SyncSettings settings = SyncSettings.defaults();
        assertThat(settings.leaseTermFor(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.leaseTermFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aDeadHoldersChainIsTakenOverWithinOneInterval() {
        for (Duration interval : new Duration[] {Duration.ofSeconds(2), Duration.ofSeconds(31), Duration.ofMinutes(10)}) {
            Duration term = SyncSettings.defaults().leaseTermFor(interval);
            // The dead holder's term (renewed at the latest just before it died), then a third of it until a look.
            assertThat(term.plus(term.dividedBy(3))).isLessThanOrEqualTo(interval);
        }
    }

    @Test
    void aTooShortLeaseIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new SyncSettings(null, null, Duration.ofMillis(10), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("marquee.sync.lease-duration");
    }

    @Test
    void everyInstanceSyncsOnlyWhenAskedTo() {
        assertThat(SyncSettings.defaults().oneSyncerPerChain()).isTrue();
        assertThat(new SyncSettings(null, false, null, null).oneSyncerPerChain()).isFalse();
    }
}
