package dev.marquee.gateway.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.booking.waitingroom.WaitingRoomRules;
import dev.marquee.gateway.operator.OperatorKey;
import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.UnauthorizedException;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waiting room's settings and the operator key are checked at startup, naming the key at fault. */
class WaitingRoomSettingsTest {

    private static WaitingRoomSettings settings(Duration admitInterval, Integer autoPerMinute, Long surgeAttempts) {
        return new WaitingRoomSettings(admitInterval, null, null, null, null, null, surgeAttempts, null, null, autoPerMinute, null, null);
    }

    @Test
    void unsetSettingsAreTheCoresDefaults() {
        WaitingRoomSettings defaults = settings(null, null, null);

        assertThat(defaults.rules()).isEqualTo(WaitingRoomRules.defaults());
        assertThat(defaults.admitInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> settings(Duration.ZERO, null, null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.waiting-room.admit-interval");
        assertThatThrownBy(() -> settings(null, 0, null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.waiting-room.auto-admissions-per-minute");
        assertThatThrownBy(() -> settings(null, null, -1L)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.waiting-room.surge-attempts");
    }

    @Test
    void surgeAttemptsZeroSwitchesSurgesOff() {
        assertThat(settings(null, null, 0L).rules().surgeWatched()).isFalse();
    }

    @Test
    void aShortOperatorKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new OperatorKey("short-key")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.operator.key").hasMessageNotContaining("short-key");
    }

    @Test
    void withoutAnOperatorKeyTheOperatorApiIsClosed() {
        OperatorKey none = new OperatorKey("");

        assertThatThrownBy(() -> none.check(new Bearer("anything-at-all-here"))).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void onlyTheOperatorKeyOpensTheOperatorApi() {
        OperatorKey key = new OperatorKey("operator-key-of-the-test");

        key.check(new Bearer("operator-key-of-the-test"));
        assertThatThrownBy(() -> key.check(new Bearer("operator-key-of-the-tesT"))).isInstanceOf(UnauthorizedException.class);
    }
}
